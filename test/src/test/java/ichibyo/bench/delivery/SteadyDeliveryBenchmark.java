package ichibyo.bench.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.test.SmallEditions;
import ichibyo.app.AppDescription;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaKind;
import ichibyo.core.scoring.TakenAt;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Not a test (BENCHMARKS.md, "Delivery runs: steady delivery"): N families (default 200) with tiny generated
 * media (320×180, 1.5 s clips, as the delivery e2e test makes them) delivered in one session on the local runtime
 * with every real handler and real FFmpeg, by three harnesses with the same number of workers (default 2):
 *
 * <ol>
 *   <li>depth-first: the delivery-run state machine (start-delivery-run, DELIVERY_MAX_CONCURRENCY Express
 *       children of 4 families each, each family selected, rendered and delivered before the next);</li>
 *   <li>breadth-first: the same handlers in passes (plan, extract-targets, gather-targets, then every family's
 *       select-materials, then every render-movie, then every deliver-movie), the workers per pass;</li>
 *   <li>direct depth-first: the same handlers, each worker taking the next family through its three steps, with no
 *       state machine: it splits the first two's difference into the orchestration's cost and the steps' order.</li>
 * </ol>
 *
 * Each harness run delivers its own quarter (the families have the same media in each). All first run over
 * other families (half as many, at least 20) so none pays the JIT's warm-up; then each round runs all three,
 * the order rotating from round to round. Prints, per round, the time to the first delivered
 * movie as a fraction of the run, the totals, the CPU each harness used, and the medians over the rounds; writes
 * round 1's completion curves to {@code docs/bench/delivery-completion.png} and the measured step durations to
 * {@code test/target/bench/steady-delivery.json} (read by {@code DeliveryModel}).
 *
 * <p>Arguments: {@code [families] [workers] [rounds]} (defaults 200, 2, 2).
 */
public final class SteadyDeliveryBenchmark {
    /** Small movies (as the delivery e2e test's): 180 px at 15 fps, 3–6 moments; 4 usable videos make a family eligible. */
    static final String EDITIONS = SmallEditions.DOCUMENT;
    static final int VIDEOS_PER_FAMILY = 5;

    private SteadyDeliveryBenchmark() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // the runtime's threads would keep the JVM
        }
    }

    static void run(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int warm = Math.max(20, n / 2);
        AppDescription app = BenchApp.derive(Map.of(), Map.of("DELIVERY_MAX_CONCURRENCY", Integer.toString(workers)), false);
        Path data = Files.createTempDirectory("ichibyo-bench-steady");
        Map<String, Object> figures = new LinkedHashMap<>();
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(app))) {
            // One quarter per harness run (each family gets each period once): 3 a round, then 3 for the warm-up.
            List<Period> periods = new ArrayList<>();
            periods.add(Editions.defaults().edition("quarterly").dueAt(Instant.now(), OrchestrationBenchmark.TOKYO));
            while (periods.size() < 3 * rounds + 3) {
                periods.add(periods.getLast().previous());
            }
            List<Period> measured = periods.subList(0, 3 * rounds);
            List<Period> warmUp = periods.subList(3 * rounds, 3 * rounds + 3);
            runtime.s3().putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key("config/editions.json"), RequestBody.fromString(EDITIONS));
            long s0 = System.nanoTime();
            seed(runtime, data, n, measured);
            seed(runtime, data, warm, warmUp, 1_000_000);
            System.out.printf("seeded %d families, %d videos each in %s, and %d more in %s, in %.1f s%n", n, VIDEOS_PER_FAMILY, measured,
                    warm, warmUp, (System.nanoTime() - s0) / 1e9);

            // The JVM keeps compiling (S3Proxy, the SDK, Jackson) well into the session, and the harness that runs first pays
            // for it (2026-12-03, 100 families: 18-24 JVM CPU-s first, 12-19 second, for the same work). So every harness runs
            // once on other families first, then each round runs all three, the order rotating, and the rounds are compared.
            long w0 = System.nanoTime();
            depthFirst(runtime, warmUp.get(0), workers, warm, false);
            breadthFirst(runtime, warmUp.get(1), workers);
            direct(runtime, warmUp.get(2), workers);
            System.out.printf("warmed up: the three harnesses over %d families, in %.1f s%n", warm, (System.nanoTime() - w0) / 1e9);

            List<Depth> depths = new ArrayList<>();
            List<Breadth> breadths = new ArrayList<>();
            List<Breadth> directs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Period dp = measured.get(3 * r);
                Period bp = measured.get(3 * r + 1);
                Period xp = measured.get(3 * r + 2);
                List<String> order = new ArrayList<>(List.of("state machine", "breadth-first", "direct depth-first"));
                Collections.rotate(order, -r);
                Depth d = null;
                Breadth b = null;
                Breadth x = null;
                for (String harness : order) {
                    switch (harness) {
                        case "state machine" -> d = depthFirst(runtime, dp, workers, n, true);
                        case "breadth-first" -> b = breadthFirst(runtime, bp, workers);
                        default -> x = direct(runtime, xp, workers);
                    }
                }
                b.done = deliveredAt(runtime, bp, b.start);
                x.done = deliveredAt(runtime, xp, x.start);
                depths.add(d);
                breadths.add(b);
                directs.add(x);
                System.out.printf("round %d (%s):%n", r + 1, String.join(", then ", order));
                report("depth-first (state machine)", d.done, d.total, n);
                System.out.println("  " + d.cpu);
                report("breadth-first (three passes)", b.done, b.total, n);
                System.out.println("  " + b.cpu);
                System.out.printf("  breadth-first retries: %d; failures: %d %s%n", b.retries.get(), b.failed.size(), b.failed);
                System.out.printf("  breadth-first passes: plan+targets %.1f s, select %.1f s, render %.1f s, deliver %.1f s%n",
                        b.targets, b.select, b.render, b.deliver);
                System.out.printf("  breadth-first calls: select p50 %d ms sum %.1f s, render p50 %d ms sum %.1f s, deliver p50 %d ms sum %.1f s%n",
                        median(b.selectMillis), sum(b.selectMillis), median(b.renderMillis), sum(b.renderMillis),
                        median(b.deliverMillis), sum(b.deliverMillis));
                report("depth-first without the state machine (direct)", x.done, x.total, n);
                System.out.println("  " + x.cpu);
                System.out.printf("  direct retries: %d; failures: %d %s%n", x.retries.get(), x.failed.size(), x.failed);
                System.out.printf("  direct calls: select p50 %d ms sum %.1f s, render p50 %d ms sum %.1f s, deliver p50 %d ms sum %.1f s%n",
                        median(x.selectMillis), sum(x.selectMillis), median(x.renderMillis), sum(x.renderMillis),
                        median(x.deliverMillis), sum(x.deliverMillis));
                System.out.printf("  totals: state machine / breadth-first = %.3f; direct / breadth-first = %.3f; state machine / direct = %.3f%n",
                        d.total / b.total, x.total / b.total, d.total / x.total);
            }
            List<Long> depthTotals = depths.stream().map(d -> Math.round(d.total * 1000)).toList();
            List<Long> breadthTotals = breadths.stream().map(b -> Math.round(b.total * 1000)).toList();
            List<Long> directTotals = directs.stream().map(x -> Math.round(x.total * 1000)).toList();
            List<Long> firstShares = depths.stream().map(d -> d.done.isEmpty() ? 1000L : Math.round(1000 * d.done.getFirst() / d.total)).toList();
            double depthMedian = medianOf(depthTotals) / 1000.0;
            double breadthMedian = medianOf(breadthTotals) / 1000.0;
            double directMedian = medianOf(directTotals) / 1000.0;
            // Each round's ratio pairs runs minutes apart, so it cancels the machine's drift better than the medians.
            List<Long> roundRatios = new ArrayList<>();
            List<Long> directRatios = new ArrayList<>();
            List<Long> orchestrationRatios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                roundRatios.add(Math.round(1000 * depths.get(r).total / breadths.get(r).total));
                directRatios.add(Math.round(1000 * directs.get(r).total / breadths.get(r).total));
                orchestrationRatios.add(Math.round(1000 * depths.get(r).total / directs.get(r).total));
            }
            System.out.printf("over %d rounds: depth-first median %.1f s, breadth-first median %.1f s, ratio of medians %.3f,"
                    + " median of the rounds' ratios %.3f; first movie at median %.1f %% of the depth-first run%n", rounds, depthMedian,
                    breadthMedian, depthMedian / breadthMedian, medianOf(roundRatios) / 1000.0, medianOf(firstShares) / 10.0);
            System.out.printf("  direct depth-first median %.1f s; median of the rounds' ratios: direct / breadth-first %.3f (the order of"
                    + " the steps), state machine / direct %.3f (the orchestration)%n", directMedian, medianOf(directRatios) / 1000.0,
                    medianOf(orchestrationRatios) / 1000.0);

            Path png = Path.of("docs/bench/delivery-completion.png");
            chart(png, n, workers, depths.getFirst().done, breadths.getFirst().done);
            System.out.printf("wrote %s (%d bytes; round 1)%n", png, Files.size(png));

            List<Long> selects = new ArrayList<>();
            List<Long> renders = new ArrayList<>();
            List<Long> delivers = new ArrayList<>();
            breadths.forEach(b -> {
                selects.addAll(b.selectMillis);
                renders.addAll(b.renderMillis);
                delivers.addAll(b.deliverMillis);
            });
            List<Long> children = new ArrayList<>();
            depths.forEach(d -> children.addAll(d.childMillis));
            Collections.sort(children);
            figures.put("families", n);
            figures.put("workers", workers);
            figures.put("rounds", rounds);
            figures.put("depthFirstSeconds", depthMedian);
            figures.put("breadthFirstSeconds", breadthMedian);
            figures.put("directDepthFirstSeconds", directMedian);
            figures.put("firstDeliveredDepthSeconds", depths.getFirst().done.isEmpty() ? null : depths.getFirst().done.getFirst());
            figures.put("firstDeliveredBreadthSeconds", breadths.getFirst().done.isEmpty() ? null : breadths.getFirst().done.getFirst());
            figures.put("selectMillisP50", median(selects));
            figures.put("renderMillisP50", median(renders));
            figures.put("deliverMillisP50", median(delivers));
            figures.put("expressChildMillisP50", OrchestrationBenchmark.pct(children, 50));
            figures.put("familiesPerChild", 4);
            figures.put("summaryEstimatedCost", depths.getFirst().summary.path("estimatedCost").asDouble());
            System.out.printf("step p50 (breadth-first, each invocation): select %d ms, render %d ms, deliver %d ms%n",
                    median(selects), median(renders), median(delivers));
            Path out = Path.of("test/target/bench/steady-delivery.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
            System.out.println("wrote " + out);
        }
        System.exit(0);
    }

    static final class Depth {
        double total;
        List<Double> done;
        JsonNode summary;
        String cpu;
        final List<Long> childMillis = new ArrayList<>();
    }

    /**
     * The delivery-run state machine over the period's families; with {@code print}, where the family map's time went:
     * inside the children, the Lambda calls (TaskScheduled to its end, by state) and the rest (the emulator's states);
     * outside them, worker time with no child running (between children, the tail).
     */
    static Depth depthFirst(LocalRuntime runtime, Period period, int workers, int n, boolean print) throws Exception {
        Depth d = new Depth();
        CpuClock c0 = CpuClock.now();
        Runs.Finished run = Runs.deliver(runtime, "quarterly", period, Duration.ofMinutes(60));
        d.cpu = "depth-first " + CpuClock.now().since(c0);
        d.total = run.wall().toMillis() / 1000.0;
        d.done = deliveredAt(runtime, period, run.started());
        d.summary = run.summary();
        if (!print) {
            return d;
        }
        System.out.printf("depth-first run of %s: delivered=%d skipped=%s failed=%d, %.1f s%n", period, d.summary.path("delivered").asInt(),
                d.summary.path("skipped"), d.summary.path("failed").asInt(), d.total);
        Histories h = new Histories(runtime.stepFunctions());
        Phases.print(h, run.runArn());
        double[] inTasks = {0};
        long tasks = 0;
        Map<String, List<Long>> byState = new TreeMap<>();
        for (String mapRun : h.mapRuns(run.runArn())) {
            for (JsonNode child : h.children(mapRun)) {
                d.childMillis.add(Math.round((child.path("stopDate").asDouble() - child.path("startDate").asDouble()) * 1000));
                double[] scheduled = {-1};
                long[] calls = {0};
                String[] state = {""};
                h.events(child.path("executionArn").asText(), e -> {
                    String type = e.path("type").asText();
                    double at = e.path("timestamp").asDouble();
                    if (type.equals("TaskStateEntered")) {
                        state[0] = e.path("stateEnteredEventDetails").path("name").asText();
                    } else if (type.equals("TaskScheduled")) {
                        scheduled[0] = at;
                    } else if (scheduled[0] >= 0 && (type.equals("TaskSucceeded") || type.equals("TaskFailed") || type.equals("TaskTimedOut"))) {
                        inTasks[0] += at - scheduled[0];
                        byState.computeIfAbsent(state[0], k -> new ArrayList<>()).add(Math.round((at - scheduled[0]) * 1000));
                        scheduled[0] = -1;
                        calls[0]++;
                    }
                });
                tasks += calls[0];
            }
        }
        Collections.sort(d.childMillis);
        double inChildren = d.childMillis.stream().mapToLong(Long::longValue).sum() / 1000.0;
        double mapWall = Phases.of(h, run.runArn()).getOrDefault("Make each family's movie", 0.0);
        System.out.printf("  family map: %.1f s wall x %d workers = %.1f worker-s; in children %.1f s (Lambda tasks %.1f s, %d calls;"
                + " emulator %.1f s = %.1f ms per family); no child running %.1f worker-s; Express child p50 %d ms max %d ms (%d)%n",
                mapWall, workers, mapWall * workers, inChildren, inTasks[0], tasks, inChildren - inTasks[0],
                1000 * (inChildren - inTasks[0]) / n, mapWall * workers - inChildren, OrchestrationBenchmark.pct(d.childMillis, 50),
                d.childMillis.isEmpty() ? 0 : d.childMillis.getLast(), d.childMillis.size());
        byState.forEach((name, millis) -> {
            Collections.sort(millis);
            System.out.printf("  depth-first %s: %d calls, p50 %d ms, sum %.1f s%n", name, millis.size(), OrchestrationBenchmark.pct(millis, 50),
                    millis.stream().mapToLong(Long::longValue).sum() / 1000.0);
        });
        return d;
    }

    static long medianOf(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    static void report(String name, List<Double> done, double total, int n) {
        if (done.isEmpty()) {
            System.out.printf("%s: nothing delivered%n", name);
            return;
        }
        System.out.printf("%s: %d of %d delivered; first at %.2f s = %.1f %% of %.1f s; half at %.1f s; last at %.1f s%n", name,
                done.size(), n, done.getFirst(), 100 * done.getFirst() / total, total, done.get(done.size() / 2), done.getLast());
    }

    static double sum(List<Long> millis) {
        return millis.stream().mapToLong(Long::longValue).sum() / 1000.0;
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    /** Seconds from {@code start} at which each family's delivery record of the period was written, in order. */
    static List<Double> deliveredAt(LocalRuntime runtime, Period period, Instant start) {
        List<Double> times = new ArrayList<>();
        String sk = "DELIVERY#quarterly#" + period.name();
        for (var item : runtime.dynamoDb().scanPaginator(r -> r.tableName(Ichibyo.FAMILIES_TABLE).filterExpression("sk = :sk")
                .expressionAttributeValues(Map.of(":sk", AttributeValue.fromS(sk)))).items()) {
            Instant at = Instant.parse(item.get("deliveredAt").s());
            times.add(Duration.between(start, at).toMillis() / 1000.0);
        }
        Collections.sort(times);
        return times;
    }

    /** A harness that calls the handlers itself: breadth-first, or depth-first without the state machine ({@link #direct}). */
    static final class Breadth {
        Instant start;
        double total;
        double targets;
        double select;
        double render;
        double deliver;
        final List<Long> selectMillis = Collections.synchronizedList(new ArrayList<>());
        final List<Long> renderMillis = Collections.synchronizedList(new ArrayList<>());
        final List<Long> deliverMillis = Collections.synchronizedList(new ArrayList<>());
        final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger retries = new AtomicInteger();
        String cpu;
        List<Double> done;
    }

    /** Every family through each step before any goes to the next: the harness the state machine is compared with. */
    static Breadth breadthFirst(LocalRuntime runtime, Period period, int workers) throws Exception {
        Breadth b = new Breadth();
        String runName = "breadth-first-quarterly-" + period.name();
        b.start = Instant.now();
        CpuClock c0 = CpuClock.now();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            Targets targets = targets(runtime, period, runName, pool);
            String runPrefix = targets.runPrefix();
            List<JsonNode> families = targets.families();
            long t1 = System.nanoTime();
            b.targets = (t1 - t0) / 1e9;

            List<Callable<JsonNode>> selects = new ArrayList<>();
            for (JsonNode family : families) {
                ObjectNode in = Json.mapper().createObjectNode();
                in.set("family", family);
                in.put("edition", "quarterly").put("period", period.name()).put("runPrefix", runPrefix).put("runName", runName);
                selects.add(() -> {
                    long s0 = System.nanoTime();
                    JsonNode selection = retrying(runtime, "select-materials", in, b);
                    b.selectMillis.add((System.nanoTime() - s0) / 1_000_000);
                    ObjectNode state = in.deepCopy();
                    state.set("selection", selection);
                    return state;
                });
            }
            List<JsonNode> selected = each(pool, selects, "select-materials", b);
            long t2 = System.nanoTime();
            b.select = (t2 - t1) / 1e9;

            List<Callable<JsonNode>> renders = new ArrayList<>();
            for (JsonNode state : selected) {
                JsonNode selection = state.path("selection");
                if (!"SELECTED".equals(selection.path("status").asText()) || !"LAMBDA".equals(selection.path("renderOn").asText())) {
                    continue;
                }
                renders.add(() -> {
                    long r0 = System.nanoTime();
                    JsonNode render = retrying(runtime, "render-movie", Map.of("planKey", selection.path("planKey").asText(),
                            "outputKey", selection.path("stagingKey").asText()), b);
                    b.renderMillis.add((System.nanoTime() - r0) / 1_000_000);
                    ObjectNode next = state.deepCopy();
                    next.set("render", render);
                    return next;
                });
            }
            List<JsonNode> rendered = each(pool, renders, "render-movie", b);
            long t3 = System.nanoTime();
            b.render = (t3 - t2) / 1e9;

            List<Callable<JsonNode>> deliveries = new ArrayList<>();
            for (JsonNode state : rendered) {
                ObjectNode in = state.deepCopy();
                in.put("planKey", state.path("selection").path("planKey").asText());
                deliveries.add(() -> {
                    long d0 = System.nanoTime();
                    JsonNode result = retrying(runtime, "deliver-movie", in, b);
                    b.deliverMillis.add((System.nanoTime() - d0) / 1_000_000);
                    return result;
                });
            }
            each(pool, deliveries, "deliver-movie", b);
            long t4 = System.nanoTime();
            b.deliver = (t4 - t3) / 1e9;
            b.total = (t4 - t0) / 1e9;
            b.cpu = "breadth-first " + CpuClock.now().since(c0);
        } finally {
            pool.shutdown();
        }
        return b;
    }

    /**
     * Depth-first without the state machine: the same workers, each taking the next family and calling select-materials,
     * render-movie and deliver-movie itself, retrying as the states do. Against the state machine it is the orchestration's
     * cost; against breadth-first, what the order of the steps costs on one machine.
     */
    static Breadth direct(LocalRuntime runtime, Period period, int workers) throws Exception {
        Breadth b = new Breadth();
        String runName = "direct-quarterly-" + period.name();
        b.start = Instant.now();
        CpuClock c0 = CpuClock.now();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            Targets targets = targets(runtime, period, runName, pool);
            b.targets = (System.nanoTime() - t0) / 1e9;
            List<Callable<JsonNode>> movies = new ArrayList<>();
            for (JsonNode family : targets.families()) {
                ObjectNode in = Json.mapper().createObjectNode();
                in.set("family", family);
                in.put("edition", "quarterly").put("period", period.name()).put("runPrefix", targets.runPrefix()).put("runName", runName);
                movies.add(() -> {
                    long s0 = System.nanoTime();
                    JsonNode selection = retrying(runtime, "select-materials", in, b);
                    long s1 = System.nanoTime();
                    b.selectMillis.add((s1 - s0) / 1_000_000);
                    if (!"SELECTED".equals(selection.path("status").asText()) || !"LAMBDA".equals(selection.path("renderOn").asText())) {
                        return selection;
                    }
                    JsonNode render = retrying(runtime, "render-movie", Map.of("planKey", selection.path("planKey").asText(),
                            "outputKey", selection.path("stagingKey").asText()), b);
                    long s2 = System.nanoTime();
                    b.renderMillis.add((s2 - s1) / 1_000_000);
                    ObjectNode deliver = in.deepCopy();
                    deliver.set("selection", selection);
                    deliver.set("render", render);
                    deliver.put("planKey", selection.path("planKey").asText());
                    JsonNode result = retrying(runtime, "deliver-movie", deliver, b);
                    b.deliverMillis.add((System.nanoTime() - s2) / 1_000_000);
                    return result;
                });
            }
            each(pool, movies, "family", b);
            b.total = (System.nanoTime() - t0) / 1e9;
            b.cpu = "direct depth-first " + CpuClock.now().since(c0);
        } finally {
            pool.shutdown();
        }
        return b;
    }

    /** The run's families, as the state machine finds them: plan-delivery-run, extract-targets per segment, gather-targets. */
    record Targets(String runPrefix, List<JsonNode> families) {}

    static Targets targets(LocalRuntime runtime, Period period, String runName, ExecutorService pool) throws Exception {
        JsonNode plan = invoke(runtime, "plan-delivery-run", Map.of("edition", "quarterly", "period", period.name(), "runName", runName));
        String runPrefix = plan.path("runPrefix").asText();
        int segments = plan.path("totalSegments").asInt();
        List<Callable<JsonNode>> scans = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            Map<String, Object> in = Map.of("edition", "quarterly", "period", period.name(), "runPrefix", runPrefix, "segment", s,
                    "totalSegments", segments);
            scans.add(() -> invoke(runtime, "extract-targets", in));
        }
        ObjectNode gather = Json.mapper().createObjectNode().put("runPrefix", runPrefix);
        var list = gather.putArray("segments");
        for (JsonNode seg : all(pool, scans)) {
            list.add(seg);
        }
        JsonNode targets = invoke(runtime, "gather-targets", gather);
        String text = runtime.s3().getObjectAsBytes(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(targets.path("targetsKey").asText()))
                .asUtf8String();
        List<JsonNode> families = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                families.add(Json.mapper().readTree(line));
            }
        }
        return new Targets(runPrefix, families);
    }

    static List<JsonNode> all(ExecutorService pool, List<Callable<JsonNode>> work) throws Exception {
        List<Future<JsonNode>> futures = new ArrayList<>();
        for (Callable<JsonNode> c : work) {
            futures.add(pool.submit(c));
        }
        List<JsonNode> out = new ArrayList<>();
        for (Future<JsonNode> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    /** Like the state machine's Catch: a family whose step failed is counted and goes no further. */
    static List<JsonNode> each(ExecutorService pool, List<Callable<JsonNode>> work, String step, Breadth b) throws Exception {
        List<Future<JsonNode>> futures = new ArrayList<>();
        for (Callable<JsonNode> c : work) {
            futures.add(pool.submit(c));
        }
        List<JsonNode> out = new ArrayList<>();
        for (Future<JsonNode> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                b.failed.add(step + ": " + String.valueOf(e.getCause().getMessage()).lines().findFirst().orElse("").substring(0,
                        Math.min(160, String.valueOf(e.getCause().getMessage()).length())));
            }
        }
        return out;
    }

    static JsonNode invoke(LocalRuntime runtime, String function, Object payload) throws Exception {
        return ExtractTargetsBenchmark.invoke(runtime, function, payload);
    }

    /**
     * As the family-movie states retry: a transient failure (a dropped connection, a timeout) up to 3 more times after
     * 0–2, 0–4, 0–8 s (full jitter), so both harnesses do the same work.
     */
    static JsonNode retrying(LocalRuntime runtime, String function, Object payload, Breadth b) throws Exception {
        for (int retry = 0; ; retry++) {
            try {
                return invoke(runtime, function, payload);
            } catch (IllegalStateException e) {
                boolean transientFailure = String.valueOf(e.getMessage()).contains("\"errorType\":\"ichibyo.functions.TransientFailureException\"");
                if (!transientFailure || retry == 3) {
                    throw e;
                }
                b.retries.incrementAndGet();
                Thread.sleep(ThreadLocalRandom.current().nextLong(2000L << retry));
            }
        }
    }

    static void chart(Path png, int n, int workers, List<Double> depth, List<Double> breadth) throws Exception {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(curve("depth-first: delivery-run state machine", depth));
        data.addSeries(curve("breadth-first: select all, render all, deliver all", breadth));
        JFreeChart chart = ChartFactory.createXYLineChart(n + " families, " + workers + " workers: movies delivered over time",
                "seconds since the run started", "movies delivered", data, PlotOrientation.VERTICAL, true, false, false);
        Files.createDirectories(png.getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 720, 400);
    }

    static XYSeries curve(String name, List<Double> times) {
        XYSeries s = new XYSeries(name);
        s.add(0, 0);
        for (int i = 0; i < times.size(); i++) {
            s.add((double) times.get(i), i + 1);
        }
        return s;
    }

    /** S3Proxy under load sometimes closes a connection mid-request (the SDK does not retry an UncheckedIOException). */
    static String putWithRetries(LocalRuntime runtime, String key, byte[] bytes) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return runtime.s3().putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(key).contentType("video/mp4"),
                        RequestBody.fromBytes(bytes)).eTag();
            } catch (UncheckedIOException | SdkClientException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    /** Profiles and, per period, VIDEOS_PER_FAMILY catalogued videos with their originals in S3. */
    static void seed(LocalRuntime runtime, Path work, int n, List<Period> periods) throws Exception {
        seed(runtime, work, n, periods, 0);
    }

    /** Families {@code first}..{@code first+n-1}. */
    static void seed(LocalRuntime runtime, Path work, int n, List<Period> periods, int first) throws Exception {
        FfmpegRunner ffmpeg = FfmpegRunner.local();
        String[] sources = {"testsrc", "testsrc2", "smptebars", "rgbtestsrc", "yuvtestsrc"};
        List<byte[]> clips = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            Path clip = work.resolve("clip-" + i + ".mp4");
            ffmpeg.ffmpeg(List.of("-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    sources[i] + "=size=320x180:rate=15:duration=1.5", "-f", "lavfi", "-i", "sine=frequency=" + (300 + 100 * i)
                            + ":duration=1.5", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    "-shortest", "-y", clip.toString()), Duration.ofSeconds(60));
            clips.add(Files.readAllBytes(clip));
        }
        MediaCatalog catalog = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE);
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<JsonNode>> work2 = new ArrayList<>();
            for (int f = first; f < first + n; f++) {
                int family = f;
                work2.add(() -> {
                    String id = Seeding.familyId(family);
                    Seeding.write(runtime.dynamoDb(), Ichibyo.FAMILIES_TABLE, List.of(Seeding.put(Seeding.profile(family, now))));
                    for (Period period : periods) {
                        Instant start = period.range(OrchestrationBenchmark.TOKYO).start();
                        long span = period.range(OrchestrationBenchmark.TOKYO).length().toSeconds();
                        for (int i = 0; i < VIDEOS_PER_FAMILY; i++) {
                            String mediaId = id + "-" + period.name() + "-" + i;
                            String key = "originals/" + id + "/" + mediaId + ".mp4";
                            byte[] bytes = clips.get((family + i) % clips.size());
                            String eTag = putWithRetries(runtime, key, bytes);
                            Instant takenAt = start.plusSeconds(span * (2L * i + 1) / (2L * VIDEOS_PER_FAMILY));
                            MediaItem item = new MediaItem(id, mediaId, new SourceObject(Ichibyo.MEDIA_BUCKET, key, eTag, null, "0" + i),
                                    MediaStatus.SCORED, null, null, MediaKind.VIDEO, "MP4", 320, 180, 1, 0, 1500L, 15.0, "h264", null, true,
                                    takenAt, "+09:00", TakenAt.Source.CONTAINER, takenAt, 0, 0.0, 0.0, List.of(), 0.5, 0.5, 0.5, 0.5, -20.0,
                                    0.2, 0.4 + 0.1 * i, null, null, now);
                            if (!catalog.save(item, null)) {
                                throw new IllegalStateException("catalog refused " + mediaId);
                            }
                        }
                    }
                    return null;
                });
            }
            all(pool, work2);
        } finally {
            pool.shutdown();
        }
    }
}
