package ichibyo.bench.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.AppDescription;
import ichibyo.app.Ichibyo;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Not a test (BENCHMARKS.md, "Delivery runs: orchestration at scale"): the real delivery-run and
 * start-delivery-run definitions over N synthetic families (default 10,000) on the local runtime, with
 * select-materials, render-movie and deliver-movie replaced by no-op doubles through the app description
 * (plan, extract-targets, gather-targets and summarize-run are the real handlers). Prints the wall time,
 * state transitions (entered states of every execution's history) per second and the Express children.
 *
 * <p>Arguments: {@code [families] [familiesPerBatch] [maxConcurrency]} (defaults 10000 and the app's 4, 100).
 */
public final class OrchestrationBenchmark {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private OrchestrationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Map<String, String> variables = new java.util.HashMap<>();
        if (args.length > 1) {
            variables.put("DELIVERY_FAMILIES_PER_BATCH", args[1]);
        }
        if (args.length > 2) {
            variables.put("DELIVERY_MAX_CONCURRENCY", args[2]);
        }
        AppDescription app = BenchApp.derive(Map.of(
                "select-materials", NoOpSelect.class.getName(),
                "render-movie", NoOpRender.class.getName(),
                "deliver-movie", NoOpDeliver.class.getName()), variables);
        Path data = Files.createTempDirectory("ichibyo-bench-orchestration");
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(app))) {
            Period quarter = Editions.defaults().edition("quarterly").dueAt(Instant.now(), TOKYO);
            long s0 = System.nanoTime();
            Seeding.families(runtime.dynamoDb(), Ichibyo.FAMILIES_TABLE, Ichibyo.CATALOG_TABLE, n, quarter.months().getFirst(), 4);
            double seedSeconds = (System.nanoTime() - s0) / 1e9;
            System.out.printf("seeded %d profiles and %d counters in %.1f s (%.0f items/s)%n", n, n, seedSeconds, 2 * n / seedSeconds);

            Runs.Finished run = Runs.deliver(runtime, "quarterly", quarter, Duration.ofMinutes(20));
            double wall = run.wall().toMillis() / 1000.0;
            JsonNode summary = run.summary();

            long c0 = System.nanoTime();
            Histories h = new Histories(runtime.stepFunctions());
            long startTransitions = h.enteredStates(run.startArn());
            long parentTransitions = h.enteredStates(run.runArn());
            long childTransitions = 0;
            int children = 0;
            List<Long> childMillis = new ArrayList<>();
            for (String mapRun : h.mapRuns(run.runArn())) {
                for (JsonNode child : h.children(mapRun)) {
                    children++;
                    childTransitions += h.enteredStates(child.path("executionArn").asText());
                    childMillis.add(Math.round((child.path("stopDate").asDouble() - child.path("startDate").asDouble()) * 1000));
                }
            }
            System.out.printf("histories read in %.1f s%n", (System.nanoTime() - c0) / 1e9);
            long transitions = startTransitions + parentTransitions + childTransitions;
            Collections.sort(childMillis);
            System.out.printf("run %s: delivered=%d skipped=%s failed=%d estimatedCost=%s%n", summary.path("executionName").asText(),
                    summary.path("delivered").asInt(), summary.path("skipped"), summary.path("failed").asInt(),
                    summary.path("estimatedCost").asText());
            System.out.printf("families=%d familiesPerBatch=%s maxConcurrency=%s wall=%.2f s (start-delivery-run start to delivery-run stop)%n",
                    n, variables.getOrDefault("DELIVERY_FAMILIES_PER_BATCH", "4"), variables.getOrDefault("DELIVERY_MAX_CONCURRENCY", "100"),
                    wall);
            System.out.printf("state transitions=%d (start-delivery-run %d, delivery-run %d, children %d) transitions/s=%.0f families/s=%.0f%n",
                    transitions, startTransitions, parentTransitions, childTransitions, transitions / wall, n / wall);
            System.out.printf("Express children=%d, child duration p50=%d ms p95=%d ms max=%d ms%n", children,
                    pct(childMillis, 50), pct(childMillis, 95), childMillis.isEmpty() ? 0 : childMillis.getLast());
            Phases.print(h, run.runArn());
        }
        System.exit(0); // the runtime's idle worker threads would keep the JVM a while
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
