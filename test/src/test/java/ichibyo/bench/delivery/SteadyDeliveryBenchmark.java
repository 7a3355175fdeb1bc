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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Not a test (BENCHMARKS.md, "Delivery runs: steady delivery"): N families (default 200) with tiny generated
 * media (320×180, 1.5 s clips, as the delivery e2e test makes them) delivered twice in one session on the
 * local runtime with every real handler and real FFmpeg, both with 2 workers:
 *
 * <ol>
 *   <li>depth-first: the delivery-run state machine (start-delivery-run, DELIVERY_MAX_CONCURRENCY=2 Express
 *       children of 4 families each, each family selected, rendered and delivered before the next);</li>
 *   <li>breadth-first: the same handlers in passes (plan, extract-targets, gather-targets, then every family's
 *       select-materials, then every render-movie, then every deliver-movie), 2 workers per pass, for the
 *       previous quarter, whose media are the same.</li>
 * </ol>
 *
 * Prints the time to the first delivered movie as a fraction of the run, the totals, writes the completion
 * curve of both to {@code docs/bench/delivery-completion.png} and the measured step durations to
 * {@code test/target/bench/steady-delivery.json} (read by {@code DeliveryModel}).
 *
 * <p>Arguments: {@code [families] [workers] [breadth-first-first]} (defaults 200, 2; the third runs the breadth-first
 * harness first).
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
        AppDescription app = BenchApp.derive(Map.of(), Map.of("DELIVERY_MAX_CONCURRENCY", Integer.toString(workers)), false);
        Path data = Files.createTempDirectory("ichibyo-bench-steady");
        Map<String, Object> figures = new LinkedHashMap<>();
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(app))) {
            Instant now = Instant.now();
            Period depthPeriod = Editions.defaults().edition("quarterly").dueAt(now, OrchestrationBenchmark.TOKYO);
            Period breadthPeriod = depthPeriod.previous();
            runtime.s3().putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key("config/editions.json"), RequestBody.fromString(EDITIONS));
            long s0 = System.nanoTime();
            seed(runtime, data, n, List.of(depthPeriod, breadthPeriod));
            warmUp(runtime, data, workers, breadthPeriod.previous());
            System.out.printf("seeded %d families, %d videos each in %s and %s, in %.1f s%n", n, VIDEOS_PER_FAMILY, depthPeriod,
                    breadthPeriod, (System.nanoTime() - s0) / 1e9);

            // With "breadth-first-first" the breadth-first harness runs before the state machine: whether the order matters.
            boolean breadthFirstFirst = args.length > 2 && args[2].equals("breadth-first-first");
            Breadth early = breadthFirstFirst ? breadthFirst(runtime, breadthPeriod, workers) : null;

            // 1. Depth-first: the state machine.
            Runs.Finished run = Runs.deliver(runtime, "quarterly", depthPeriod, Duration.ofMinutes(60));
            Instant depthStart = run.started();
            double depthTotal = run.wall().toMillis() / 1000.0;
            List<Double> depthDone = deliveredAt(runtime, depthPeriod, depthStart);
            JsonNode summary = run.summary();
            System.out.printf("depth-first run: delivered=%d skipped=%s failed=%d, %.1f s%n", summary.path("delivered").asInt(),
                    summary.path("skipped"), summary.path("failed").asInt(), depthTotal);
            Histories h = new Histories(runtime.stepFunctions());
            Phases.print(h, run.runArn());
            List<Long> childMillis = new ArrayList<>();
            // Where the family map's time goes: inside the children, the Lambda calls (TaskScheduled to its end) and the
            // rest (the emulator's states); outside them, worker time with no child running (between children, the tail).
            double[] inTasks = {0};
            long tasks = 0;
            // Each Lambda call's time by the state that made it, to set beside breadth-first's per-step times.
            Map<String, List<Long>> byState = new java.util.TreeMap<>();
            for (String mapRun : h.mapRuns(run.runArn())) {
                for (JsonNode child : h.children(mapRun)) {
                    childMillis.add(Math.round((child.path("stopDate").asDouble() - child.path("startDate").asDouble()) * 1000));
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
            Collections.sort(childMillis);
            double inChildren = childMillis.stream().mapToLong(Long::longValue).sum() / 1000.0;
            double mapWall = Phases.of(h, run.runArn()).getOrDefault("Make each family's movie", 0.0);
            System.out.printf("family map: %.1f s wall x %d workers = %.1f worker-s; in children %.1f s (Lambda tasks %.1f s, %d calls;"
                    + " emulator %.1f s = %.1f ms per family); no child running %.1f worker-s%n", mapWall, workers, mapWall * workers,
                    inChildren, inTasks[0], tasks, inChildren - inTasks[0], 1000 * (inChildren - inTasks[0]) / n,
                    mapWall * workers - inChildren);
            byState.forEach((name, millis) -> {
                Collections.sort(millis);
                System.out.printf("  depth-first %s: %d calls, p50 %d ms, sum %.1f s%n", name, millis.size(), OrchestrationBenchmark.pct(millis, 50),
                        millis.stream().mapToLong(Long::longValue).sum() / 1000.0);
            });

            // 2. Breadth-first: the same handlers, in passes.
            Breadth breadth = early != null ? early : breadthFirst(runtime, breadthPeriod, workers);
            List<Double> breadthDone = deliveredAt(runtime, breadthPeriod, breadth.start);

            report("depth-first (state machine)", depthDone, depthTotal, n);
            report("breadth-first (three passes)", breadthDone, breadth.total, n);
            System.out.printf("breadth-first failures: %d %s%n", breadth.failed.size(), breadth.failed);
            System.out.printf("breadth-first passes: plan+targets %.1f s, select %.1f s, render %.1f s, deliver %.1f s%n",
                    breadth.targets, breadth.select, breadth.render, breadth.deliver);
            System.out.printf("breadth-first calls: select p50 %d ms sum %.1f s, render p50 %d ms sum %.1f s, deliver p50 %d ms sum %.1f s%n",
                    median(breadth.selectMillis), sum(breadth.selectMillis), median(breadth.renderMillis), sum(breadth.renderMillis),
                    median(breadth.deliverMillis), sum(breadth.deliverMillis));
            System.out.printf("depth-first / breadth-first total = %.3f; Express child p50=%d ms max=%d ms (%d children)%n",
                    depthTotal / breadth.total, OrchestrationBenchmark.pct(childMillis, 50),
                    childMillis.isEmpty() ? 0 : childMillis.getLast(), childMillis.size());

            Path png = Path.of("docs/bench/delivery-completion.png");
            chart(png, n, workers, depthDone, breadthDone);
            System.out.printf("wrote %s (%d bytes)%n", png, Files.size(png));

            figures.put("families", n);
            figures.put("workers", workers);
            figures.put("depthFirstSeconds", depthTotal);
            figures.put("breadthFirstSeconds", breadth.total);
            figures.put("firstDeliveredDepthSeconds", depthDone.isEmpty() ? null : depthDone.getFirst());
            figures.put("firstDeliveredBreadthSeconds", breadthDone.isEmpty() ? null : breadthDone.getFirst());
            figures.put("selectMillisP50", median(breadth.selectMillis));
            figures.put("renderMillisP50", median(breadth.renderMillis));
            figures.put("deliverMillisP50", median(breadth.deliverMillis));
            figures.put("expressChildMillisP50", OrchestrationBenchmark.pct(childMillis, 50));
            figures.put("familiesPerChild", 4);
            figures.put("summaryEstimatedCost", summary.path("estimatedCost").asDouble());
            System.out.printf("step p50 (breadth-first, each invocation): select %d ms, render %d ms, deliver %d ms%n",
                    median(breadth.selectMillis), median(breadth.renderMillis), median(breadth.deliverMillis));
            Path out = Path.of("test/target/bench/steady-delivery.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
            System.out.println("wrote " + out);
        }
        System.exit(0);
    }

    /**
     * Families of another period through select, render and deliver, {@code workers} at once, before anything is
     * timed: the Lambda containers (and the JIT) are warm for both harnesses alike, not only for the second.
     */
    static void warmUp(LocalRuntime runtime, Path work, int workers, Period period) throws Exception {
        long t0 = System.nanoTime();
        seed(runtime, work, workers, List.of(period), 1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            JsonNode plan = invoke(runtime, "plan-delivery-run", Map.of("edition", "quarterly", "period", period.name(), "runName", "warm-up"));
            List<Callable<JsonNode>> work2 = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String id = Seeding.familyId(1_000_000 + w);
                work2.add(() -> {
                    ObjectNode in = Json.mapper().createObjectNode();
                    in.set("family", Json.mapper().valueToTree(Map.of("familyId", id, "displayName", "Warm Up", "premium", false,
                            "timeZone", "Asia/Tokyo")));
                    in.put("edition", "quarterly").put("period", period.name()).put("runPrefix", plan.path("runPrefix").asText())
                            .put("runName", "warm-up");
                    JsonNode selection = invoke(runtime, "select-materials", in);
                    JsonNode render = invoke(runtime, "render-movie", Map.of("planKey", selection.path("planKey").asText(),
                            "outputKey", selection.path("stagingKey").asText()));
                    in.set("selection", selection);
                    in.set("render", render);
                    in.put("planKey", selection.path("planKey").asText());
                    return invoke(runtime, "deliver-movie", in);
                });
            }
            all(pool, work2);
        } finally {
            pool.shutdown();
        }
        System.out.printf("warmed up (%d families of %s through every step, %d at once) in %.1f s%n", workers, period, workers,
                (System.nanoTime() - t0) / 1e9);
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
    }

    /** Every family through each step before any goes to the next: the harness the state machine is compared with. */
    static Breadth breadthFirst(LocalRuntime runtime, Period period, int workers) throws Exception {
        Breadth b = new Breadth();
        String runName = "breadth-first-quarterly-" + period.name();
        b.start = Instant.now();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
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
            long t1 = System.nanoTime();
            b.targets = (t1 - t0) / 1e9;

            List<Callable<JsonNode>> selects = new ArrayList<>();
            for (JsonNode family : families) {
                ObjectNode in = Json.mapper().createObjectNode();
                in.set("family", family);
                in.put("edition", "quarterly").put("period", period.name()).put("runPrefix", runPrefix).put("runName", runName);
                selects.add(() -> {
                    long s0 = System.nanoTime();
                    JsonNode selection = invoke(runtime, "select-materials", in);
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
                    JsonNode render = invoke(runtime, "render-movie", Map.of("planKey", selection.path("planKey").asText(),
                            "outputKey", selection.path("stagingKey").asText()));
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
                    JsonNode result = invoke(runtime, "deliver-movie", in);
                    b.deliverMillis.add((System.nanoTime() - d0) / 1_000_000);
                    return result;
                });
            }
            each(pool, deliveries, "deliver-movie", b);
            long t4 = System.nanoTime();
            b.deliver = (t4 - t3) / 1e9;
            b.total = (t4 - t0) / 1e9;
        } finally {
            pool.shutdown();
        }
        return b;
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
            } catch (java.util.concurrent.ExecutionException e) {
                b.failed.add(step + ": " + String.valueOf(e.getCause().getMessage()).lines().findFirst().orElse("").substring(0,
                        Math.min(160, String.valueOf(e.getCause().getMessage()).length())));
            }
        }
        return out;
    }

    static JsonNode invoke(LocalRuntime runtime, String function, Object payload) throws Exception {
        return ExtractTargetsBenchmark.invoke(runtime, function, payload);
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
            } catch (java.io.UncheckedIOException | software.amazon.awssdk.core.exception.SdkClientException e) {
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
