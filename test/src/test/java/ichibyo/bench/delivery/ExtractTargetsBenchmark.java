package ichibyo.bench.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.catalog.CatalogKeys;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test (BENCHMARKS.md, "Delivery runs: toward millions"): the real extract-targets handler over the
 * counters of N synthetic families (default 100,000) in DynamoDB Local, its segments invoked all at once
 * (1, 2, 4 and 8 segments, then again in reverse order), on the local runtime's in-process Lambda. Prints
 * families per second of each, each segment's own time, and a Scan of the counts index alone (no lookups).
 * Writes the figures to {@code test/target/bench/extract-targets.json} for {@code DeliveryModel}.
 *
 * <p>Arguments: {@code [families] [repeats]} (defaults 100000, 2).
 */
public final class ExtractTargetsBenchmark {
    private ExtractTargetsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path data = Files.createTempDirectory("ichibyo-bench-extract");
        Map<String, Object> figures = new LinkedHashMap<>();
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeOptions.of(data))) {
            Period quarter = Editions.defaults().edition("quarterly").dueAt(Instant.now(), OrchestrationBenchmark.TOKYO);
            long s0 = System.nanoTime();
            Seeding.families(runtime.dynamoDb(), Ichibyo.FAMILIES_TABLE, Ichibyo.CATALOG_TABLE, n, quarter.months().getFirst(), 4);
            double seedSeconds = (System.nanoTime() - s0) / 1e9;
            System.out.printf("seeded %d profiles and %d counters in %.1f s (%.0f items/s)%n", n, n, seedSeconds, 2 * n / seedSeconds);
            figures.put("families", n);

            JsonNode plan = invoke(runtime, "plan-delivery-run", Map.of("edition", "quarterly", "period", quarter.name()));
            String runPrefix = plan.path("runPrefix").asText();

            double scanSeconds = scanOnly(runtime, quarter);
            System.out.printf("Scan of the counts index alone, 1 segment: %.2f s, %.0f counters/s%n", scanSeconds, n / scanSeconds);
            figures.put("scanOnlyCountersPerSecond", n / scanSeconds);

            List<Integer> order = new ArrayList<>(List.of(1, 2, 4, 8));
            for (int r = 1; r < repeats; r++) {
                order.addAll(r % 2 == 1 ? List.of(8, 4, 2, 1) : List.of(1, 2, 4, 8));
            }
            Map<Integer, List<Double>> rates = new LinkedHashMap<>();
            for (int segments : order) {
                long t0 = System.nanoTime();
                List<JsonNode> results = segments(runtime, quarter, runPrefix, segments);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long families = 0;
                StringBuilder each = new StringBuilder();
                for (JsonNode res : results) {
                    families += res.path("families").asLong() + res.path("skipped").asLong();
                    each.append(String.format(" %.1f", res.path("lambda").path("millis").asLong() / 1000.0));
                }
                if (families != n) {
                    throw new IllegalStateException(segments + " segments found " + families + " families, not " + n);
                }
                rates.computeIfAbsent(segments, k -> new ArrayList<>()).add(n / seconds);
                System.out.printf("segments=%d wall=%.2f s families/s=%.0f per segment s:%s%n", segments, seconds, n / seconds, each);
            }
            Map<String, Object> medians = new LinkedHashMap<>();
            rates.forEach((segments, list) -> {
                List<Double> sorted = list.stream().sorted().toList();
                double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
                medians.put(Integer.toString(segments), median);
                System.out.printf("segments=%d median families/s=%.0f (runs %s)%n", segments, median, list.stream()
                        .map(v -> String.format("%.0f", v)).toList());
            });
            figures.put("familiesPerSecondBySegments", medians);
            Path out = Path.of("test/target/bench/extract-targets.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
            System.out.println("wrote " + out);
        }
        System.exit(0);
    }

    static List<JsonNode> segments(LocalRuntime runtime, Period quarter, String runPrefix, int segments) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(segments);
        try {
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                Map<String, Object> in = Map.of("edition", "quarterly", "period", quarter.name(), "runPrefix", runPrefix,
                        "segment", s, "totalSegments", segments);
                futures.add(pool.submit(() -> invoke(runtime, "extract-targets", in)));
            }
            List<JsonNode> results = new ArrayList<>();
            for (Future<JsonNode> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** The handler's Scan alone: the counts index, the period's months, the same projection. */
    static double scanOnly(LocalRuntime runtime, Period quarter) {
        List<String> months = quarter.months().stream().map(CatalogKeys::countsPk).toList();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < months.size(); i++) {
            values.put(":m" + i, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(months.get(i)));
        }
        long t0 = System.nanoTime();
        long read = 0;
        for (var item : runtime.dynamoDb().scanPaginator(r -> r.tableName(Ichibyo.CATALOG_TABLE).indexName(CatalogKeys.COUNTS_INDEX)
                .filterExpression("#month IN (" + String.join(", ", values.keySet()) + ")")
                .projectionExpression("#month, #family, photos, videos")
                .expressionAttributeNames(Map.of("#month", CatalogKeys.COUNTS_PK, "#family", CatalogKeys.COUNTS_SK))
                .expressionAttributeValues(values)).items()) {
            read++;
        }
        if (read == 0) {
            throw new IllegalStateException("the counts index is empty");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static JsonNode invoke(LocalRuntime runtime, String function, Object payload) throws Exception {
        var result = runtime.invoker().invoke(function, Json.mapper().writeValueAsString(payload));
        if (result.functionError() != null) {
            throw new IllegalStateException(function + " failed: " + result.payload());
        }
        return Json.mapper().readTree(result.payload());
    }
}
