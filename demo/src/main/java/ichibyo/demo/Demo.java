package ichibyo.demo;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaKind;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.media.WorkDirs;
import ichibyo.core.render.MovieRenderer;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.render.RenderSettings;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.local.cli.DataOptions;
import ichibyo.local.cli.PlannedPorts;
import ichibyo.local.cli.PortOptions;
import ichibyo.local.cli.Relaunch;
import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The demo that {@code ichibyo-local demo} runs, the end-to-end story on the local runtime:
 * <ol>
 *   <li>starts the runtime in this JVM (relaunched once with the functions' environment, as {@code up});</li>
 *   <li>uploads DemoMovie's photos and videos as a client does: {@code POST /upload-url} on the HTTP
 *       API gives a presigned PUT per file, the file is PUT to it; plus one broken file, to show it
 *       rejected with a reason;</li>
 *   <li>waits for score-media (S3 event → SQS → event source mapping) to catalog each file, and prints
 *       each catalog item;</li>
 *   <li>renders DemoMovie's plan from the catalog's scored items, read through presigned GETs
 *       ({@link DemoPlan});</li>
 *   <li>puts the movie in S3 ({@value #MOVIE_KEY}) and writes it to {@code out/demo-movie.mp4} (or the
 *       path given), prints its length and the time each phase took, and stops the runtime.</li>
 * </ol>
 * It grows into the whole delivery run (selection, render and delivery as state machines) with the
 * delivery-run issue.
 *
 * <p>Usage: {@code demo [OUTPUT.mp4] [--data DIR] [--dynamodb-on-disk]}. Without {@code --data} the
 * runtime's data lives in a temporary directory removed at the end; with it, the objects (and with
 * {@code --dynamodb-on-disk} the catalog) stay there to look at. The functions' log goes to
 * {@code OUTPUT.log}.
 */
final class Demo {

    static final String FAMILY = "demo-family";
    static final String MOVIE_KEY = "movies/" + FAMILY + "/demo.mp4";
    /** The id of the upload that is random bytes named .jpg. */
    static final String BROKEN = "broken-file";
    static final Duration SCORING_DEADLINE = Duration.ofSeconds(120);
    private static final Duration PRESIGNED_FOR = Duration.ofMinutes(30);

    private final PrintStream out;
    private final PrintStream err;
    private final Path output;
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    private Demo(PrintStream out, PrintStream err, Path output) {
        this.out = out;
        this.err = err;
        this.output = output;
    }

    /**
     * @param given the movie's path, or null for {@code out/demo-movie.mp4}
     * @return the process exit status
     */
    static int run(Path given, DataOptions dataOptions, PortOptions portOptions) throws Exception {
        Path output = (given == null ? Path.of("out/demo-movie.mp4") : given).toAbsolutePath();
        boolean temporary = dataOptions.given() == null;
        Path data = temporary ? Files.createTempDirectory("ichibyo-demo-") : dataOptions.given();
        try {
            // As 'up': ports are chosen first, so that the handlers' JVM gets the endpoints in its environment.
            PlannedPorts ports = PlannedPorts.from(portOptions);
            OptionalInt child = Relaunch.withRuntime(List.of("demo", output.toString()), data, dataOptions.dynamoDbOnDisk(), ports);
            if (child.isPresent()) {
                return child.getAsInt();
            }
            RuntimeOptions options = ports.applyTo(RuntimeOptions.of(data).withDynamoDbOnDisk(dataOptions.dynamoDbOnDisk()));
            return new Demo(System.out, System.err, output).inProcess(options);
        } finally {
            if (temporary) {
                WorkDirs.delete(data);
            }
        }
    }

    private int inProcess(RuntimeOptions options) throws Exception {
        Files.createDirectories(output.getParent());
        Path log = output.resolveSibling(output.getFileName() + ".log");
        // The handlers log to standard output, as on Lambda, and the runtime's Lambda its START/END lines and the
        // services their own to standard error: all into a file, so the demo's own lines stay readable.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream runtimeLog = new PrintStream(Files.newOutputStream(log), true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(runtimeLog);
            System.setErr(runtimeLog);
            try {
                return story(options, log);
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }
        }
    }

    private int story(RuntimeOptions options, Path log) throws Exception {
        long total = System.nanoTime();
        out.println("ichibyo-local demo: upload → score-media → catalog → render, on the local runtime");
        long t = System.nanoTime();
        LocalRuntime runtime = LocalRuntime.start(options);
        t = phase("start-up", t);
        out.printf("  runtime up in %.1f s (S3 %s, data %s)%n", seconds(timings.get("start-up")), runtime.endpoints().s3(),
                options.dataDirectory());
        int status;
        try (runtime;
             S3Presigner presigner = presigner(runtime.endpoints());
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            Path work = Files.createTempDirectory("ichibyo-demo-work-");
            try {
                status = story(runtime, presigner, http, work, t);
            } finally {
                WorkDirs.delete(work);
            }
            t = System.nanoTime();
        }
        phase("stop", t);
        if (status == 0) {
            StringBuilder line = new StringBuilder("  timings:");
            timings.forEach((name, d) -> line.append(String.format(Locale.ROOT, " %s %.1f s ·", name, seconds(d))));
            line.append(String.format(Locale.ROOT, " total %.1f s", (System.nanoTime() - total) / 1e9));
            out.println(line);
            out.println("  log of the functions and services: " + log);
        }
        return status;
    }

    private int story(LocalRuntime runtime, S3Presigner presigner, HttpClient http, Path work, long t) throws Exception {
        MediaProbe probe = MediaProbe.local();
        List<DemoMovie.Moment> moments = DemoMovie.moments();

        // 1. Upload, as a phone app would: photos as taken, videos as the MP4 a phone records.
        Map<String, Path> files = new LinkedHashMap<>();
        for (DemoMovie.Moment m : moments) {
            boolean video = m.clip().kind() == MediaKind.VIDEO;
            files.put(m.name(), video ? phoneVideo(probe.runner(), m.file(), work.resolve(m.name() + ".mp4")) : m.file());
        }
        t = phase("phone videos", t);
        out.println("upload (POST /upload-url on the HTTP API, then a presigned PUT per file) for family " + FAMILY + ":");
        List<String> ids = new ArrayList<>();
        for (DemoMovie.Moment m : moments) {
            boolean video = m.clip().kind() == MediaKind.VIDEO;
            upload(runtime, http, m.name(), video ? "video/mp4" : "image/jpeg", Files.readAllBytes(files.get(m.name())),
                    video ? m.file().getFileName() + " as a phone's H.264 MP4" : m.file().getFileName().toString());
            ids.add(m.name());
        }
        byte[] broken = new byte[4096];
        new Random(1).nextBytes(broken);
        upload(runtime, http, BROKEN, "image/jpeg", broken, "random bytes named .jpg");
        ids.add(BROKEN);
        t = phase("upload", t);

        // 2. score-media runs on its own, from the S3 notifications: wait for one catalog item per upload.
        out.println("catalog (score-media, from S3 event → SQS → event source mapping):");
        MediaCatalog catalog = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE);
        List<String> waiting = new ArrayList<>(ids);
        long deadline = System.nanoTime() + SCORING_DEADLINE.toNanos();
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Optional<MediaItem> item = catalog.find(FAMILY, it.next());
                if (item.isPresent()) {
                    out.println("  " + describe(item.get()));
                    it.remove();
                }
            }
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    err.println("ichibyo-local demo: score-media wrote no catalog item for " + waiting + " within "
                            + SCORING_DEADLINE.toSeconds() + " s; see the log of the functions: " + output.resolveSibling(output.getFileName() + ".log"));
                    return 1;
                }
                Thread.sleep(200);
            }
        }
        // score-media starts on the first upload: this is the wait after the last one.
        t = phase("scoring", t);

        // 3. The plan from the catalog's scored items, read from S3 through presigned GETs; then one ffmpeg.
        Path assets = Files.createDirectories(output.resolveSibling("demo-assets"));
        List<MediaItem> items = catalog.items(FAMILY);
        RenderPlan plan = DemoPlan.of(moments, items, item -> presignedGet(presigner, item.source().key()),
                DemoMovie.watermark(assets), DemoMovie.music(probe.runner(), assets));
        out.printf("render: %d of %d catalog items scored and in the plan, %s%n", plan.clips().size(), items.size(),
                "inputs read from S3 through presigned GETs");
        new MovieRenderer(probe, RenderSettings.DEFAULT).render(plan, output);
        t = phase("render", t);

        // 4. The movie where delivery will find it, and on disk.
        runtime.s3().putObject(p -> p.bucket(Ichibyo.MEDIA_BUCKET).key(MOVIE_KEY).contentType("video/mp4"), RequestBody.fromFile(output));
        long stored = runtime.s3().headObject(h -> h.bucket(Ichibyo.MEDIA_BUCKET).key(MOVIE_KEY)).contentLength();
        phase("store", t);
        MediaInfo movie = probe.probe(output);
        out.println("movie:");
        out.printf(Locale.ROOT, "  %s%n  %d×%d, %.2f s, %s, %.1f MB%n", output, movie.width(), movie.height(), movie.duration(),
                movie.hasAudio() ? "with sound" : "no sound", Files.size(output) / 1e6);
        out.printf(Locale.ROOT, "  s3://%s/%s (%d bytes)%n", Ichibyo.MEDIA_BUCKET, MOVIE_KEY, stored);
        return 0;
    }

    /** {@code POST /upload-url} on the runtime's HTTP API, as the family app does, then the PUT with the headers it returns. */
    private void upload(LocalRuntime runtime, HttpClient http, String mediaId, String contentType, byte[] content, String what)
            throws Exception {
        Map<String, Object> request = Map.of("familyId", FAMILY, "mediaId", mediaId, "contentType", contentType,
                "contentLength", content.length);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/upload-url"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("upload-url refused " + mediaId + ": " + response.statusCode() + " " + response.body());
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
        out.printf(Locale.ROOT, "  %-44s %8.1f KB  %s%n", url.path("key").asText(), content.length / 1024.0, what);
    }

    /** One catalog item on one line: key, status, and what scoring found or why it refused the file. */
    static String describe(MediaItem item) {
        String key = item.source() == null ? item.mediaId() : item.source().key();
        if (item.status() != MediaStatus.SCORED) {
            String detail = item.rejectDetail() == null ? "" : item.rejectDetail().replaceFirst("^" + item.rejectReason() + ": ", "");
            return String.format(Locale.ROOT, "%-44s %-8s %s: %s", key, item.status(), item.rejectReason(), detail);
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-44s %-8s %s %d×%d", key, item.status(),
                item.kind().name().toLowerCase(Locale.ROOT), item.width(), item.height()));
        if (item.durationMillis() != null) {
            s.append(String.format(Locale.ROOT, " %.1f s", item.durationMillis() / 1000.0));
        }
        s.append(", faces ").append(item.faceCount());
        append(s, "sharpness", item.sharpness());
        append(s, "exposure", item.exposure());
        append(s, "motion", item.motion());
        append(s, "loudness", item.loudness());
        append(s, "best moment at", item.bestMomentStart());
        append(s, "score", item.score());
        return s.toString();
    }

    private static void append(StringBuilder s, String name, Double value) {
        if (value != null) {
            s.append(", ").append(name).append(String.format(Locale.ROOT, " %.2f", value));
        }
    }

    /**
     * The MP4 a phone would upload (H.264 and AAC, index first, a keyframe a second or so so that a
     * moment is found quickly): the sample videos are AVI, which upload-url does not take.
     */
    private static Path phoneVideo(FfmpegRunner runner, Path source, Path mp4) {
        runner.ffmpeg(List.of("-v", "error", "-i", "file:" + source, "-map", "0:v:0", "-map", "0:a?",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-y", mp4.toString()), Duration.ofMinutes(2));
        return mp4;
    }

    private static S3Presigner presigner(Endpoints e) {
        return S3Presigner.builder().endpointOverride(e.s3()).region(Region.of(e.region()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY)))
                .build();
    }

    private static String presignedGet(S3Presigner presigner, String key) {
        return presigner.presignGetObject(p -> p.signatureDuration(PRESIGNED_FOR)
                .getObjectRequest(g -> g.bucket(Ichibyo.MEDIA_BUCKET).key(key))).url().toString();
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
