package ichibyo.bench.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/** How long each top-level state of an execution took, from its history's entered and exited events. */
final class Phases {
    private Phases() {}

    static Map<String, Double> of(Histories h, String executionArn) {
        Map<String, Double> entered = new LinkedHashMap<>();
        Map<String, Double> took = new LinkedHashMap<>();
        h.events(executionArn, e -> {
            String type = e.path("type").asText();
            double t = e.path("timestamp").asDouble();
            if (type.endsWith("StateEntered")) {
                entered.putIfAbsent(e.path("stateEnteredEventDetails").path("name").asText(), t);
            } else if (type.endsWith("StateExited")) {
                String name = e.path("stateExitedEventDetails").path("name").asText();
                Double start = entered.get(name);
                if (start != null) {
                    took.put(name, t - start);
                }
            }
        });
        return took;
    }

    static void print(Histories h, String executionArn) {
        StringBuilder line = new StringBuilder("phases:");
        of(h, executionArn).forEach((name, s) -> line.append(String.format(" [%s] %.2f s", name, s)));
        System.out.println(line);
    }
}
