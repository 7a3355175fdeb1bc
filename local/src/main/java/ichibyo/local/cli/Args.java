package ichibyo.local.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Options ({@code --name value}, or flags) and positional arguments of a subcommand. */
record Args(Map<String, String> options, List<String> positional) {

    static Args parse(String[] args, Set<String> flags) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (flags.contains(name)) {
                    options.put(name, "true");
                } else if (i + 1 < args.length) {
                    options.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException(a + " needs a value");
                }
            } else {
                positional.add(a);
            }
        }
        return new Args(options, positional);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int port(String name) {
        return Integer.parseInt(options.getOrDefault(name, "0"));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(options.get(name));
    }
}
