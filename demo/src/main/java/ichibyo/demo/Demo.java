package ichibyo.demo;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.delivery.ExecutionNames;
import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.media.WorkDirs;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.local.cli.DataOptions;
import ichibyo.local.cli.PlannedPorts;
import ichibyo.local.cli.PortOptions;
import ichibyo.local.cli.Relaunch;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import ichibyo.local.runtime.scheduler.LocalScheduler;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;

/**
 * The demo that {@code ichibyo-local demo} runs: the product on the local runtime, as a client uses it.
 * <ol>
 *   <li>starts the runtime in this JVM (relaunched once with the functions' environment, as {@code up});</li>
 *   <li>registers {@link DemoFamilies}' four families with {@code POST /families} on the HTTP API, each
 *       signed in as its member (a bearer token of the runtime), who becomes the family's owner;</li>
 *   <li>makes their media (real sample photos and video cuts, generated clips; capture dates spread over
 *       the quarter and the month that just ended) and uploads each through {@code POST /upload-url} and
 *       the presigned PUT it returns, signed in as the family's member; one family's member asking for
 *       another family's upload URL is refused (403);</li>
 *   <li>waits for score-media to catalog every upload (the junk rejected with its reason), then deletes
 *       the Garcias' scored originals, so that their render fails;</li>
 *   <li>fires the {@code delivery-quarterly} and {@code delivery-monthly} schedules (the runtime's
 *       scheduler) and follows both runs on one live progress line;</li>
 *   <li>prints each run's summary ({@code runs/{edition}/{period}/summary.json}: delivered, skipped with
 *       reason, failed with error) and estimated AWS cost, copies each movie and poster to
 *       {@code OUT/movies/}, draws the completion curve into {@code OUT/delivery-curve.png}, and stops.</li>
 * </ol>
 *
 * <p>Usage: {@code demo [OUT] [--data DIR] [--in-memory]}, {@code OUT} defaulting to {@code out/}.
 * Without {@code --data} the runtime's data is temporary; with it, the objects, tables, queues and
 * executions (only the objects with {@code --in-memory}) stay there to look at. The functions' log goes to {@code OUT/demo.log}.
 * Exit status 0 when both runs succeeded with the outcome each family was made for, else 1.
 */
final class Demo {
    static final Duration SCORING_DEADLINE = Duration.ofSeconds(150);
    static final Duration RUN_DEADLINE = Duration.ofSeconds(240);
    static final List<String> EDITIONS = List.of("quarterly", "monthly");
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final PrintStream err;
    private final Path outDir;
    private final Path log;
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    private Demo(PrintStream out, PrintStream err, Path outDir) {
        this.out = out;
        this.err = err;
        this.outDir = outDir;
        this.log = outDir.resolve("demo.log");
    }

    /** One delivery run the demo fired and follows. */
    private record RunRef(String edition, Period period, String name, String arn) {
        String prefix() {
            return "runs/" + edition + "/" + period.name() + "/";
        }

        String label() {
            return edition + " " + period.name();
        }
    }

    /**
     * @param given the output directory, or null for {@code out/}
     * @return the process exit status
     */
    static int run(Path given, DataOptions dataOptions, PortOptions portOptions) throws Exception {
        Path outDir = (given == null ? Path.of("out") : given).toAbsolutePath();
        boolean temporary = dataOptions.given() == null;
        Path data = temporary ? Files.createTempDirectory("ichibyo-demo-") : dataOptions.given();
        try {
            // As 'up': ports are chosen first, so that the handlers' JVM gets the endpoints in its environment.
            PlannedPorts ports = PlannedPorts.from(portOptions);
            OptionalInt child = Relaunch.withRuntime(List.of("demo", outDir.toString()), data, dataOptions.durable(), ports);
            if (child.isPresent()) {
                return child.getAsInt();
            }
            RuntimeOptions options = ports.applyTo(RuntimeOptions.of(data).withDurable(dataOptions.durable()));
            return new Demo(System.out, System.err, outDir).inProcess(options);
        } finally {
            if (temporary) {
                WorkDirs.delete(data);
            }
        }
    }

    private int inProcess(RuntimeOptions options) throws Exception {
        Files.createDirectories(outDir);
        // The handlers log to standard output, as on Lambda, and the services to standard error: all into a
        // file, so that the demo's own lines stay readable.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream runtimeLog = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            System.setOut(runtimeLog);
            System.setErr(runtimeLog);
            try {
                return story(options);
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }
        }
    }

    private int story(RuntimeOptions options) throws Exception {
        long total = System.nanoTime();
        out.println("ichibyo-local demo: families → uploads → score-media → quarterly and monthly delivery runs, on the local runtime");
        long t = System.nanoTime();
        LocalRuntime runtime = LocalRuntime.start(options);
        t = phase("start-up", t);
        out.printf(Locale.ROOT, "  runtime up in %.1f s (API %s, data %s)%n", seconds(timings.get("start-up")), runtime.endpoints().api(),
                options.dataDirectory());
        int status;
        try (runtime; HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            Path work = Files.createTempDirectory("ichibyo-demo-work-");
            try {
                status = story(runtime, http, work, t);
            } finally {
                WorkDirs.delete(work);
            }
            t = System.nanoTime();
        }
        phase("stop", t);
        StringBuilder line = new StringBuilder("timings:");
        timings.forEach((name, d) -> line.append(String.format(Locale.ROOT, " %s %.1f s ·", name, seconds(d))));
        line.append(String.format(Locale.ROOT, " total %.1f s", (System.nanoTime() - total) / 1e9));
        out.println(line);
        out.println("log of the functions and services: " + log);
        return status;
    }

    private int story(LocalRuntime runtime, HttpClient http, Path work, long t) throws Exception {
        Editions editions = Editions.defaults();
        Instant now = Instant.now();
        Edition quarterly = editions.edition("quarterly");
        Edition monthly = editions.edition("monthly");
        Period quarter = quarterly.dueAt(now, DemoFamilies.TOKYO);
        Period month = monthly.dueAt(now, DemoFamilies.TOKYO);
        List<DemoFamilies.Family> families = DemoFamilies.of(quarter, month);
        Map<String, String> names = families.stream().collect(Collectors.toMap(DemoFamilies.Family::familyId,
                DemoFamilies.Family::displayName, (a, b) -> a, LinkedHashMap::new));

        // 1. The families, as the app registers them: each signed in as its member, who becomes its owner.
        out.printf(Locale.ROOT, "families (POST /families, each signed in as its member); the runs deliver %s (quarterly: %d+ videos; all families) and %s "
                + "(monthly: %d+ photos and videos; premium families), the periods that just ended%n", quarter.name(),
                quarterly.minItems(), month.name(), monthly.minItems());
        for (DemoFamilies.Family f : families) {
            Map<String, Object> body = Map.of("familyId", f.familyId(), "displayName", f.displayName(), "premium", f.premium(),
                    "timeZone", f.zone().getId());
            HttpResponse<String> r = post(http, runtime.endpoints().api() + "/families", signIn(runtime, f), body);
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST /families refused " + f.familyId() + ": " + r.statusCode() + " " + r.body());
            }
            long videosQ = f.uploads().stream().filter(u -> inPeriod(u, quarter) && "video/mp4".equals(u.media().contentType())).count();
            long itemsM = f.uploads().stream().filter(u -> inPeriod(u, month) && !(u.media() instanceof DemoMedia.Junk)).count();
            out.printf(Locale.ROOT, "  %s %-8s %-13s %-11s %2d videos in %s, %2d photos and videos in %s: %s%n", pad(f.displayName()),
                    f.familyId(), f.member(), f.premium() ? "premium" : "not premium", videosQ, quarter.name(), itemsM, month.name(), f.expected());
        }
        t = phase("families", t);

        // 2. Their media, made now with capture dates in the periods (two FFmpeg at a time).
        FfmpegRunner ffmpeg = FfmpegRunner.local();
        Map<DemoFamilies.Upload, Path> files = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<DemoFamilies.Upload, Future<Path>> made = new LinkedHashMap<>();
            for (DemoFamilies.Family f : families) {
                for (DemoFamilies.Upload u : f.uploads()) {
                    made.put(u, pool.submit(() -> u.media().make(ffmpeg, work, u.mediaId(), u.takenAt(), f.zone())));
                }
            }
            for (var e : made.entrySet()) {
                files.put(e.getKey(), e.getValue().get());
            }
        } finally {
            pool.shutdownNow();
        }
        long bytes = 0;
        for (Path p : files.values()) {
            bytes += Files.size(p);
        }
        out.printf(Locale.ROOT, "media: %d files made (%.1f MB): cuts of the sample videos and FFmpeg patterns (≤640×360, %.1f s, "
                + "MP4 creation_time), the sample photos at 640 px (EXIF DateTimeOriginal), junk .jpg%n", files.size(), bytes / 1e6,
                DemoMedia.CLIP_SECONDS);
        t = phase("media", t);

        // 3. Uploads as the phone app does them: upload-url, then the presigned PUT.
        for (DemoFamilies.Family f : families) {
            for (DemoFamilies.Upload u : f.uploads()) {
                upload(runtime, http, signIn(runtime, f), f.familyId(), u, Files.readAllBytes(files.get(u)));
            }
        }
        out.printf(Locale.ROOT, "upload: %d files through POST /upload-url and presigned PUTs, each family's by its member%n", files.size());
        // A member of one family asking for another's upload URL is refused, and nothing is written.
        DemoFamilies.Family first = families.get(0);
        DemoFamilies.Family other = families.get(1);
        HttpResponse<String> refused = post(http, runtime.endpoints().api() + "/upload-url", signIn(runtime, other),
                Map.of("familyId", first.familyId(), "mediaId", "not-yours", "contentType", "image/jpeg", "contentLength", 1000));
        if (refused.statusCode() != 403) {
            throw new IllegalStateException("upload-url let " + other.member() + " upload for " + first.familyId() + ": "
                    + refused.statusCode() + " " + refused.body());
        }
        out.printf(Locale.ROOT, "  %s asking for an upload URL of %s: %d %s%n", other.member(), first.familyId(), refused.statusCode(),
                Json.mapper().readTree(refused.body()).path("error").asText());
        t = phase("upload", t);

        // 4. score-media runs on its own (S3 event → SQS → event source mapping): wait for every item.
        MediaCatalog catalog = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE);
        Map<String, List<MediaItem>> items = awaitCatalog(catalog, families);
        if (items == null) {
            return 1;
        }
        out.println("scoring (score-media):");
        for (DemoFamilies.Family f : families) {
            List<MediaItem> of = items.get(f.familyId());
            long scored = of.stream().filter(MediaItem::isUsable).count();
            out.printf(Locale.ROOT, "  %s %2d scored, %d rejected%n", pad(f.displayName()), scored, of.size() - scored);
            for (MediaItem i : of) {
                if (i.status() == MediaStatus.REJECTED) {
                    String detail = i.rejectDetail() == null ? "" : i.rejectDetail().replaceFirst("^" + i.rejectReason() + ": ", "");
                    out.printf(Locale.ROOT, "    %s REJECTED %s: %s%n", i.source().key(), i.rejectReason(), detail);
                }
            }
        }
        t = phase("scoring", t);

        // 5. The broken family: scored videos whose originals are then lost.
        int lost = 0;
        for (DemoFamilies.Family f : families) {
            for (MediaItem i : items.get(f.familyId())) {
                boolean lose = f.uploads().stream().anyMatch(u -> u.mediaId().equals(i.mediaId()) && u.fate() == DemoFamilies.Fate.ORIGINAL_LOST);
                if (lose && i.isUsable()) {
                    runtime.s3().deleteObject(d -> d.bucket(i.source().bucket()).key(i.source().key()));
                    lost++;
                }
            }
        }
        out.printf(Locale.ROOT, "broken family: deleted the %d scored originals of %s from S3 after scoring (their catalog items and counters "
                + "stay): the run selects them, the render cannot read them, the run records the family FAILED%n", lost,
                names.get(DemoFamilies.GARCIA));

        // 6. The schedules, fired now; both runs followed on one line.
        List<RunRef> runs = new ArrayList<>();
        for (String edition : EDITIONS) {
            LocalScheduler.Firing firing = runtime.scheduler().fireNow("delivery-" + edition);
            if (firing.error() != null) {
                err.println("ichibyo-local demo: the schedule delivery-" + edition + " did not start: " + firing.error());
                return 1;
            }
            Period period = edition.equals("quarterly") ? quarter : month;
            String name = ExecutionNames.run(edition, period);
            runs.add(new RunRef(edition, period, name, runtime.names().stateMachineArn(Ichibyo.DELIVERY_RUN)
                    .replace(":stateMachine:", ":execution:") + ":" + name));
        }
        out.println("delivery runs: fired delivery-quarterly and delivery-monthly (start-delivery-run → delivery-run "
                + runs.stream().map(RunRef::name).collect(Collectors.joining(", ")) + ")");
        Map<RunRef, DescribeExecutionResponse> ended = follow(runtime, runs);
        t = phase("delivery runs", t);
        if (ended == null) {
            return 1;
        }

        // 7. What the runs did, where the movies are, what it cost, and the curve.
        int status = results(runtime, runs, ended, names);
        phase("results", t);
        return status;
    }

    private static boolean inPeriod(DemoFamilies.Upload u, Period p) {
        return p.range(DemoFamilies.TOKYO).contains(u.takenAt());
    }

    /** Every upload's catalog item, by family; null (after saying why) when scoring did not finish in time. */
    private Map<String, List<MediaItem>> awaitCatalog(MediaCatalog catalog, List<DemoFamilies.Family> families) throws InterruptedException {
        long deadline = System.nanoTime() + SCORING_DEADLINE.toNanos();
        while (true) {
            Map<String, List<MediaItem>> items = new LinkedHashMap<>();
            Set<String> missing = new TreeSet<>();
            for (DemoFamilies.Family f : families) {
                List<MediaItem> of = catalog.items(f.familyId());
                Set<String> ids = of.stream().map(MediaItem::mediaId).collect(Collectors.toSet());
                f.uploads().stream().map(DemoFamilies.Upload::mediaId).filter(id -> !ids.contains(id)).forEach(missing::add);
                items.put(f.familyId(), of);
            }
            if (missing.isEmpty()) {
                return items;
            }
            if (System.nanoTime() > deadline) {
                err.println("ichibyo-local demo: score-media wrote no catalog item for " + missing + " within "
                        + SCORING_DEADLINE.toSeconds() + " s; see " + log);
                whatTheLogSaysOf(missing);
                return null;
            }
            Thread.sleep(300);
        }
    }

    /** The log's last lines that name any of {@code mediaIds}: why they were not scored, if the functions said. */
    private void whatTheLogSaysOf(Set<String> mediaIds) {
        System.out.flush();
        try (var lines = java.nio.file.Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
            List<String> about = lines.filter(l -> mediaIds.stream().anyMatch(l::contains)).toList();
            about.subList(Math.max(0, about.size() - 20), about.size()).forEach(l -> err.println("  " + l));
            if (about.isEmpty()) {
                err.println("  (the log names none of them: their uploads' events never reached score-media)");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("  (cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** Follows the runs until both end, redrawing the progress line; null (after saying why) when one did not end in time. */
    private Map<RunRef, DescribeExecutionResponse> follow(LocalRuntime runtime, List<RunRef> runs) throws InterruptedException {
        boolean terminal = isTerminal();
        long started = System.nanoTime();
        long deadline = started + RUN_DEADLINE.toNanos();
        long lastPlain = 0;
        String lastLine = "";
        Map<RunRef, Integer> targets = new LinkedHashMap<>();
        while (true) {
            Map<RunRef, DescribeExecutionResponse> described = new LinkedHashMap<>();
            List<RunProgress.Run> progress = new ArrayList<>();
            List<JsonNode> events = runtime.events(Ichibyo.EVENT_BUS);
            for (RunRef run : runs) {
                DescribeExecutionResponse d = null;
                try {
                    d = runtime.sfn().describeExecution(r -> r.executionArn(run.arn()));
                    described.put(run, d);
                } catch (ExecutionDoesNotExistException e) {
                    // start-delivery-run has not started it yet
                }
                if (!targets.containsKey(run)) {
                    text(runtime, run.prefix() + "targets.jsonl").ifPresent(s -> targets.put(run, (int) s.lines().filter(l -> !l.isBlank()).count()));
                }
                int delivered = movieDelivered(events, run).size();
                int failed = runtime.s3().listObjectsV2(l -> l.bucket(Ichibyo.MEDIA_BUCKET).prefix(run.prefix() + "failures/")).keyCount();
                progress.add(new RunProgress.Run(run.edition(), d == null ? "STARTING" : d.statusAsString(), targets.getOrDefault(run, -1),
                        delivered, failed, d == null ? "" : mapRun(runtime, run)));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            boolean done = described.size() == runs.size() && described.values().stream().allMatch(d -> d.status() != ExecutionStatus.RUNNING);
            String line = RunProgress.line(progress, elapsed, terminal);
            if (terminal) {
                out.print("\r\033[K  " + line);
                out.flush();
            } else if (done || System.nanoTime() - lastPlain > PLAIN_EVERY.toNanos() || !sameCounts(line, lastLine)) {
                out.println("  " + line);
                lastPlain = System.nanoTime();
            }
            lastLine = line;
            if (done) {
                if (terminal) {
                    out.println();
                }
                return described;
            }
            if (System.nanoTime() > deadline) {
                if (terminal) {
                    out.println();
                }
                err.println("ichibyo-local demo: the delivery runs did not end within " + RUN_DEADLINE.toSeconds() + " s; see "
                        + log + " and ichibyo-local history");
                return null;
            }
            Thread.sleep(250);
        }
    }

    /** The same line but for the clock: nothing worth a new plain line. */
    private static boolean sameCounts(String a, String b) {
        return a.replaceAll(" · \\d+ s · ETA .*$", "").equals(b.replaceAll(" · \\d+ s · ETA .*$", ""));
    }

    /** The family Map Run's children done/total, from ListMapRuns and DescribeMapRun. */
    private static String mapRun(LocalRuntime runtime, RunRef run) {
        List<MapRunListItem> mapRuns = runtime.sfn().listMapRuns(r -> r.executionArn(run.arn())).mapRuns();
        if (mapRuns.isEmpty()) {
            return "";
        }
        // The families' map (label "families"), not the large movies' one that follows it.
        String arn = mapRuns.stream().map(MapRunListItem::mapRunArn).filter(a -> a.contains("families"))
                .findFirst().orElse(mapRuns.get(mapRuns.size() - 1).mapRunArn());
        var counts = runtime.sfn().describeMapRun(r -> r.mapRunArn(arn)).executionCounts();
        return (counts.succeeded() + counts.failed()) + "/" + counts.total() + " children";
    }

    private int results(LocalRuntime runtime, List<RunRef> runs, Map<RunRef, DescribeExecutionResponse> ended, Map<String, String> names)
            throws Exception {
        Path movies = Files.createDirectories(outDir.resolve("movies"));
        MediaProbe probe = MediaProbe.local();
        List<JsonNode> events = runtime.events(Ichibyo.EVENT_BUS);
        List<DeliveryCurve.Series> curve = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (RunRef run : runs) {
            DescribeExecutionResponse d = ended.get(run);
            out.printf(Locale.ROOT, "%s (execution %s): %s in %.1f s%n", run.label(), run.name(), d.statusAsString(),
                    Duration.between(d.startDate(), d.stopDate()).toMillis() / 1000.0);
            if (d.status() != ExecutionStatus.SUCCEEDED) {
                out.printf("  %s: %s%n", d.error(), d.cause());
                unexpected.add(run.label() + " " + d.statusAsString());
                continue;
            }
            JsonNode summary = Json.mapper().readTree(text(runtime, run.prefix() + "summary.json").orElseThrow());
            out.printf("  summary: s3://%s/%ssummary.json%n", Ichibyo.MEDIA_BUCKET, run.prefix());

            List<JsonNode> delivered = movieDelivered(events, run);
            out.printf("  delivered %d:%n", summary.path("delivered").asInt());
            Set<String> deliveredIds = new LinkedHashSet<>();
            for (JsonNode e : delivered) {
                JsonNode m = e.path("detail");
                String familyId = m.path("familyId").asText();
                deliveredIds.add(familyId);
                Path movie = movies.resolve(familyId + "-" + run.edition() + "-" + run.period().name() + ".mp4");
                Path poster = movies.resolve(familyId + "-" + run.edition() + "-" + run.period().name() + ".jpg");
                runtime.s3().getObject(g -> g.bucket(Ichibyo.MEDIA_BUCKET).key(m.path("movieKey").asText()), overwrite(movie));
                if (m.hasNonNull("posterKey")) {
                    runtime.s3().getObject(g -> g.bucket(Ichibyo.MEDIA_BUCKET).key(m.path("posterKey").asText()), overwrite(poster));
                }
                MediaInfo info = probe.probe(movie);
                out.printf(Locale.ROOT, "    %s \"%s\", %d moments, %d×%d, %.1f s, %s%n", pad(names.getOrDefault(familyId, familyId)),
                        m.path("title").asText(), m.path("moments").asInt(), info.width(), info.height(), info.duration(),
                        info.hasAudio() ? "video and audio" : "video only");
                out.printf("      s3://%s/%s → %s%n", Ichibyo.MEDIA_BUCKET, m.path("movieKey").asText(), outDir.relativize(movie));
                if (Files.exists(poster)) {
                    out.printf("      poster → %s%n", outDir.relativize(poster));
                }
            }

            Map<String, JsonNode> skippedFamilies = skipped(runtime, run);
            int skippedTotal = 0;
            for (var e : summary.path("skipped").properties()) {
                skippedTotal += e.getValue().asInt();
            }
            out.printf("  skipped %d:%n", skippedTotal);
            for (var e : summary.path("skipped").properties()) {
                List<String> who = skippedFamilies.values().stream().filter(s -> s.path("reason").asText().equals(e.getKey()))
                        .map(s -> names.getOrDefault(s.path("familyId").asText(), s.path("familyId").asText()) + detail(s)).toList();
                out.printf("    %s %d: %s%n", e.getKey(), e.getValue().asInt(), who.isEmpty() ? "(at selection)" : String.join(", ", who));
            }
            out.printf("  failed %d:%n", summary.path("failed").size());
            Set<String> failedIds = new LinkedHashSet<>();
            for (JsonNode f : summary.path("failed")) {
                failedIds.add(f.path("familyId").asText());
                out.printf("    %s %s: %s%n", pad(names.getOrDefault(f.path("familyId").asText(), f.path("familyId").asText())),
                        f.path("error").asText(), f.path("cause").asText(""));
                out.printf("      record: s3://%s/%sfailures/%s.json%n", Ichibyo.MEDIA_BUCKET, run.prefix(), f.path("familyId").asText());
            }

            JsonNode cost = summary.path("cost");
            out.printf(Locale.ROOT, "  estimated AWS cost of the run: %s %.6f (%s prices as of %s; configurable: "
                    + "core/src/main/resources/ichibyo/core/cost/prices.json, or another document through Prices.fromJson)%n",
                    cost.path("currency").asText(), cost.path("total").asDouble(), cost.path("region").asText(), cost.path("pricesAsOf").asText());
            for (JsonNode l : cost.path("lines")) {
                out.printf(Locale.ROOT, "    %-40s %14.4f %-16s × %.10f = %.6f%n", l.path("item").asText(), l.path("quantity").asDouble(),
                        l.path("unit").asText(), l.path("unitPrice").asDouble(), l.path("cost").asDouble());
            }

            Set<String> expectedDelivered = run.edition().equals("quarterly") ? Set.of(DemoFamilies.TANAKA, DemoFamilies.SMITH)
                    : Set.of(DemoFamilies.TANAKA);
            Set<String> expectedFailed = run.edition().equals("quarterly") ? Set.of(DemoFamilies.GARCIA) : Set.of();
            if (!deliveredIds.equals(expectedDelivered) || !failedIds.equals(expectedFailed)
                    || !skippedFamilies.containsKey(DemoFamilies.SATO)) {
                unexpected.add(run.label() + ": delivered " + deliveredIds + ", failed " + failedIds + ", skipped " + skippedFamilies.keySet());
            }
            curve.add(new DeliveryCurve.Series(run.label(), d.startDate(), d.stopDate(),
                    delivered.stream().map(e -> Instant.parse(e.path("detail").path("deliveredAt").asText())).toList()));
        }
        Path png = outDir.resolve("delivery-curve.png");
        DeliveryCurve.write(curve, png);
        out.println("completion curve: " + png);

        MediaCatalog catalog = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE);
        int itemCount = 0;
        int rejected = 0;
        for (String familyId : names.keySet()) {
            for (MediaItem i : catalog.items(familyId)) {
                itemCount++;
                rejected += i.status() == MediaStatus.REJECTED ? 1 : 0;
            }
        }
        int stored = runtime.s3().listObjectsV2(l -> l.bucket(Ichibyo.MEDIA_BUCKET).prefix("movies/")).contents().stream()
                .filter(o -> o.key().endsWith(".mp4")).mapToInt(o -> 1).sum();
        out.printf("catalog: %d items in table %s (%d rejected); S3: %d movies under s3://%s/movies/%n", itemCount,
                Ichibyo.CATALOG_TABLE, rejected, stored, Ichibyo.MEDIA_BUCKET);
        if (!unexpected.isEmpty()) {
            err.println("ichibyo-local demo: not the outcome the families were made for: " + String.join("; ", unexpected));
            return 1;
        }
        return 0;
    }

    /** A name padded to 12 terminal columns: CJK characters take two. */
    static String pad(String name) {
        int columns = name.codePoints().map(c -> c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)) ? 2 : 1).sum();
        return name + " ".repeat(Math.max(1, 12 - columns));
    }

    private static String detail(JsonNode skipped) {
        if (skipped.path("required").asInt() > 0 && skipped.hasNonNull("usable")) {
            return " (" + skipped.path("usable").asInt() + " usable, " + skipped.path("required").asInt() + " needed)";
        }
        return "";
    }

    /** The families extract-targets skipped, from the segments' lists. */
    private static Map<String, JsonNode> skipped(LocalRuntime runtime, RunRef run) throws Exception {
        Map<String, JsonNode> skipped = new LinkedHashMap<>();
        for (var o : runtime.s3().listObjectsV2(l -> l.bucket(Ichibyo.MEDIA_BUCKET).prefix(run.prefix() + "skipped/")).contents()) {
            for (String line : text(runtime, o.key()).orElse("").lines().filter(l -> !l.isBlank()).toList()) {
                JsonNode s = Json.mapper().readTree(line);
                skipped.put(s.path("familyId").asText(), s);
            }
        }
        return skipped;
    }

    private static List<JsonNode> movieDelivered(List<JsonNode> events, RunRef run) {
        return events.stream().filter(e -> e.path("detail-type").asText().equals("MovieDelivered"))
                .filter(e -> e.path("detail").path("edition").asText().equals(run.edition()))
                .filter(e -> e.path("detail").path("period").asText().equals(run.period().name())).toList();
    }

    private static Optional<String> text(LocalRuntime runtime, String key) {
        try {
            return Optional.of(runtime.s3().getObjectAsBytes(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(key)).asUtf8String());
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private static Path overwrite(Path file) throws java.io.IOException {
        Files.deleteIfExists(file);
        return file;
    }

    /** Whether standard output is a terminal (JDK 22+ says so through Console.isTerminal; before, console() is null when it is not). */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The family's member signs in: a token of the local runtime for them, as the app gets an ID token. */
    private static String signIn(LocalRuntime runtime, DemoFamilies.Family family) {
        return runtime.tokens().issue(family.member());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /upload-url} on the runtime's HTTP API, as the family app does, then the PUT with the headers it returns. */
    private static void upload(LocalRuntime runtime, HttpClient http, String token, String familyId, DemoFamilies.Upload u, byte[] content)
            throws Exception {
        Map<String, Object> request = Map.of("familyId", familyId, "mediaId", u.mediaId(), "contentType", u.media().contentType(),
                "contentLength", content.length);
        HttpResponse<String> response = post(http, runtime.endpoints().api() + "/upload-url", token, request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("upload-url refused " + u.mediaId() + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode url = Json.mapper().readTree(response.body());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url.path("url").asText()))
                .method(url.path("method").asText(), HttpRequest.BodyPublishers.ofByteArray(content));
        // Content-Length is signed too; HttpClient sends it from the body (it may not be set by hand).
        url.path("headers").properties().stream().filter(h -> !h.getKey().equalsIgnoreCase("Content-Length"))
                .forEach(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> answer = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("PUT " + url.path("key").asText() + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private long phase(String name, long since) {
        long now = System.nanoTime();
        timings.put(name, Duration.ofNanos(now - since));
        return now;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
