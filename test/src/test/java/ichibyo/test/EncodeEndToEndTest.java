package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.AppDescription;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.app.ObjectCreatedNotification;
import ichibyo.app.Ref;
import ichibyo.core.Json;
import ichibyo.core.encode.EncodeJob;
import ichibyo.core.encode.MasterInfo;
import ichibyo.core.encode.MasterProbe;
import ichibyo.core.encode.Chunk;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.Profile;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The encoding workflow on the local runtime with real FFmpeg: a generated master with three scenes and a tone
 * uploaded under {@code masters/{contentId}/}, the {@code encode} state machine started under the job's
 * deterministic name ({@code POST /encodes}, twice: one job) with the {@code preview} profile set (two small rungs) and 1–4 s chunks; it probes, plans
 * chunks at the scene cuts, encodes chunk × profile (one chunk on the Fargate task, the others on Lambda), joins, verifies, places and announces. A file that is not
 * a video fails the job with an EncodeFailed event, and nothing is placed. {@code GET /encodes?jobId=} reads the work log.
 */
class EncodeEndToEndTest {
    static final Duration DEADLINE = Duration.ofSeconds(120);
    /**
     * Frames × output megapixels above which a chunk is encoded on the Fargate task (a child process running the tasks
     * jar): here only the 234p profile's 75-frame chunk (75 × 320 × 180 = 4.3), so one chunk takes that path.
     */
    static final double FARGATE_ABOVE = 4.0;
    static final String CHUNKS = "\"chunkLimits\":{\"minSeconds\":1,\"targetSeconds\":2,\"maxSeconds\":4}";

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LocalRuntime runtime;
    /** Three scenes (2, 2.5 and 1.5 s) at 320×180 and 30 fps with a 440 Hz tone: 180 frames. */
    static Path master;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(withFargateAbove(Ichibyo.app(), FARGATE_ABOVE)));
        master = work.resolve("master.mp4");
        FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2",
                "-f", "lavfi", "-i", "smptebars=size=320x180:rate=30:duration=2.5",
                "-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=30,trim=duration=1.5",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6",
                "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]", "-map", "3:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "16", "-c:a", "aac", "-y", master.toString()), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aMasterUnderMasters_isEncodedForEveryProfile_verified_andPlacedUnderDeliveries() throws Exception {
        runtime.s3().putObject(p -> p.bucket(Ichibyo.MEDIA_BUCKET).key("masters/film-1/master.mp4"), RequestBody.fromFile(master));

        EncodeJob job = new EncodeJob("film-1", "preview", ProfileCatalog.seeds().set("preview").version());
        String body = "{\"contentId\":\"film-1\",\"profileSet\":\"preview\"," + CHUNKS + "}";
        HttpResponse<String> first = post(body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode started = Json.mapper().readTree(first.body());
        assertThat(started.path("jobId").asText()).isEqualTo(job.jobId());
        DescribeExecutionResponse done = await(started.path("executionArn").asText());
        assertThat(done.status()).as("%s: %s %s", job.jobId(), done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // Started again: the same job, not a second one.
        HttpResponse<String> again = post(body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).path("executionArn").asText()).isEqualTo(done.executionArn());
        assertThat(runtime.sfn().listExecutions(r -> r.stateMachineArn(runtime.names().stateMachineArn(Ichibyo.ENCODE))).executions())
                .filteredOn(e -> e.name().equals(job.jobId())).hasSize(1);

        JsonNode completed = Json.mapper().readTree(done.output());
        assertThat(completed.path("jobId").asText()).isEqualTo("film-1-preview-v1");
        assertThat(completed.path("chunks").asInt()).as("chunks at the cuts after 2 s and 4.5 s").isEqualTo(3);
        assertThat(completed.path("outputs")).hasSize(2);
        for (JsonNode output : completed.path("outputs")) {
            String key = output.path("key").asText();
            assertThat(key).startsWith("deliveries/film-1/preview/").endsWith(".mp4");
            assertThat(output.path("frames").asInt()).isEqualTo(180);
            assertThat(output.path("ssimMean").asDouble()).isGreaterThan(0.8);
            assertThat(output.path("seamSsimMin").asDouble()).isGreaterThan(0.7);
            // The placed file itself: the master's frames, its length, its sound.
            Path file = work.resolve(output.path("profileId").asText() + ".mp4");
            runtime.s3().getObject(g -> g.bucket(Ichibyo.MEDIA_BUCKET).key(key), file);
            MasterInfo placed = new MasterProbe(FfmpegRunner.local(), Duration.ofSeconds(30)).probe(MediaLocation.of(file));
            assertThat(placed.frames()).isEqualTo(180);
            assertThat(placed.durationSeconds()).isCloseTo(6.0, Offset.offset(1 / 30.0));
            assertThat(placed.hasAudio()).isTrue();
            assertThat(placed.height()).isEqualTo(output.path("height").asInt());
        }
        assertThat(List.of(completed.path("outputs").get(0).path("height").asInt(), completed.path("outputs").get(1).path("height").asInt()))
                .containsExactly(144, 180);
        assertThat(text(job.manifestKey())).contains("\"preview-234p\"");
        // Each chunk's every frame measured where it was encoded, beside it; verify's report covers every frame of the output.
        EncodePlan plan = EncodePlan.fromJson(text(job.planKey()));
        for (String profileId : List.of("preview-144p", "preview-234p")) {
            Profile profile = ProfileCatalog.seeds().set("preview").profile(profileId);
            for (Chunk chunk : plan.chunks()) {
                JsonNode quality = Json.mapper().readTree(text(job.chunkQualityKey(profile, chunk)));
                assertThat(quality.path("startFrame").asInt()).isEqualTo(chunk.startFrame());
                assertThat(quality.path("ssim")).hasSize(chunk.frames()).allSatisfy(v -> assertThat(v.asDouble()).isBetween(0.7, 1.0));
            }
            JsonNode report = Json.mapper().readTree(text(job.verificationKey(profile)));
            assertThat(report.path("sampledFrames").asInt()).isEqualTo(180);
            assertThat(report.path("failures")).isEmpty();
        }
        // The 234p rung is HLS: its fMP4 segments beside it, and the ladder's master playlist.
        assertThat(completed.path("hlsMasterPlaylistKey").asText()).isEqualTo("deliveries/film-1/preview/hls/master.m3u8");
        assertThat(text("deliveries/film-1/preview/hls/master.m3u8")).contains("RESOLUTION=320x180", "CODECS=\"avc1.", "preview-234p/index.m3u8");
        assertThat(runtime.s3().listObjectsV2(l -> l.bucket(Ichibyo.MEDIA_BUCKET).prefix("deliveries/film-1/preview/hls/preview-234p/"))
                .contents()).extracting(o -> o.key().substring(o.key().lastIndexOf('/') + 1))
                .contains("index.m3u8", "init.mp4", "segment-00000.m4s");

        // The work log: the job, each chunk of each profile (once, where it ran), each output's quality.
        HttpResponse<String> log = get("/encodes?jobId=" + job.jobId());
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        JsonNode record = Json.mapper().readTree(log.body());
        assertThat(record.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.path("executionArn").asText()).isEqualTo(done.executionArn());
        assertThat(record.path("endedAt").asText()).isNotEmpty();
        assertThat(record.path("tasks")).hasSize(6).allSatisfy(t -> {
            assertThat(t.path("status").asText()).isEqualTo("DONE");
            assertThat(t.path("attempts").asInt()).isEqualTo(1);
            assertThat(t.path("ranOn").asText()).isEqualTo(t.path("profileId").asText().equals("preview-234p") && t.path("chunk").asInt() == 1
                    ? "fargate:encode-chunk" : "lambda:encode-chunk");
            assertThat(t.path("bytes").asLong()).isPositive();
        });
        assertThat(record.path("outputs")).hasSize(2).allSatisfy(o -> {
            assertThat(o.path("passed").asBoolean()).isTrue();
            assertThat(o.path("frames").asInt()).isEqualTo(180);
        });
        assertThat(runtime.events()).filteredOn(e -> e.path("detail-type").asText().equals("EncodeCompleted"))
                .anySatisfy(e -> assertThat(e.path("detail").path("jobId").asText()).isEqualTo(job.jobId()));
    }

    @Test
    void aMasterThatIsNoVideo_failsTheJob_announcesEncodeFailed_andPlacesNothing() throws Exception {
        runtime.s3().putObject(p -> p.bucket(Ichibyo.MEDIA_BUCKET).key("masters/not-a-film/notes.mp4"),
                RequestBody.fromString("these are notes, not a movie"));
        DescribeExecutionResponse done = run("not-a-film-preview-v1", "{\"contentId\":\"not-a-film\",\"profileSet\":\"preview\"}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("ichibyo.core.media.exceptions.UndecodableMediaException");
        assertThat(runtime.events()).filteredOn(e -> e.path("detail-type").asText().equals("EncodeFailed"))
                .anySatisfy(e -> assertThat(e.path("detail").path("error").asText()).endsWith("UndecodableMediaException"));
        assertThat(runtime.s3().listObjectsV2(l -> l.bucket(Ichibyo.MEDIA_BUCKET).prefix("deliveries/not-a-film/")).contents()).isEmpty();
        JsonNode record = Json.mapper().readTree(get("/encodes?jobId=not-a-film-preview-v1").body());
        assertThat(record.path("status").asText()).isEqualTo("FAILED");
        assertThat(record.path("error").asText()).isEqualTo("ichibyo.core.media.exceptions.UndecodableMediaException");
        assertThat(get("/encodes?jobId=never-started").statusCode()).isEqualTo(404);
        assertThat(get("/encodes?jobId=..%2Fx").statusCode()).isEqualTo(400);
    }

    /**
     * A profile set stored through {@code PUT /profile-sets} is used by the next job; its one profile asks x264 for a
     * preset that does not exist, so every chunk fails: each is tried 4 times (3 retries with backoff), then the job
     * fails with the encoder's error, EncodeFailed is announced, and nothing is placed.
     */
    @Test
    void aProfileSetPutThroughTheApi_isUsedByTheNextJob_andAChunkFailingFourTimes_failsTheJob() throws Exception {
        HttpResponse<String> bad = put("{\"name\":\"broken\",\"profiles\":[" + profile("x264 refuses", "bogus", 0) + "]}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("gopSeconds");
        HttpResponse<String> stored = put("{\"name\":\"broken\",\"description\":\"x264 refuses its preset\",\"profiles\":["
                + profile("x264 refuses", "bogus", 2) + "]}");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(stored.body()).path("version").asInt()).isEqualTo(1);

        runtime.s3().putObject(p -> p.bucket(Ichibyo.MEDIA_BUCKET).key("masters/film-2/master.mp4"), RequestBody.fromFile(master));
        HttpResponse<String> started = post("{\"contentId\":\"film-2\",\"profileSet\":\"broken\"," + CHUNKS + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        DescribeExecutionResponse done = await(Json.mapper().readTree(started.body()).path("executionArn").asText());
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("ichibyo.core.media.exceptions.FfmpegFailedException");
        assertThat(done.cause()).as("the cause names the chunk that failed").containsPattern("chunk \\d+ of [a-z0-9-]+ failed after 4 attempts");

        JsonNode record = Json.mapper().readTree(get("/encodes?jobId=film-2-broken-v1").body());
        assertThat(record.path("status").asText()).isEqualTo("FAILED");
        assertThat(record.path("tasks")).anySatisfy(t -> {
            assertThat(t.path("status").asText()).isEqualTo("FAILED");
            assertThat(t.path("attempts").asInt()).isEqualTo(4);
            assertThat(t.path("error").asText()).contains("FfmpegFailedException");
        });
        assertThat(runtime.events()).filteredOn(e -> e.path("detail-type").asText().equals("EncodeFailed"))
                .anySatisfy(e -> assertThat(e.path("detail").path("jobId").asText()).isEqualTo("film-2-broken-v1"));
        assertThat(runtime.s3().listObjectsV2(l -> l.bucket(Ichibyo.MEDIA_BUCKET).prefix("deliveries/film-2/")).contents()).isEmpty();
    }

    static String profile(String what, String preset, double gopSeconds) {
        return "{\"id\":\"broken-144p\",\"version\":1,\"codec\":\"H264\",\"maxWidth\":256,\"maxHeight\":144,\"frameRate\":0,"
                + "\"rateControl\":{\"mode\":\"CRF\",\"crf\":28},\"gopSeconds\":" + gopSeconds + ",\"preset\":\"" + preset
                + "\",\"container\":\"MP4\"}";
    }

    static HttpResponse<String> put(String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/profile-sets"))
                    .header("Content-Type", "application/json").header("Authorization", OPERATOR.get()).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The operator the tests sign in as (group operators): encodes and profile sets are the operators'. */
    static final java.util.function.Supplier<String> OPERATOR = () -> "Bearer " + runtime.tokens().issueOperator("encode-operator");

    @Test
    void theEncodeRoutes_areTheOperatorsOnly() throws Exception {
        String family = "Bearer " + runtime.tokens().issue("tanaka-haruto");
        HttpResponse<String> start = post("{\"contentId\":\"film-1\",\"profileSet\":\"preview\"}", family);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(403);
        assertThat(Json.mapper().readTree(start.body()).path("error").asText()).isEqualTo("NotAnOperator");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> log = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/encodes?jobId=any"))
                    .header("Authorization", family).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(log.statusCode()).isEqualTo(403);
            HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/profile-sets"))
                    .header("Authorization", family).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).isEqualTo(403);
        }
        assertThat(post("{\"contentId\":\"film-1\",\"profileSet\":\"preview\"}", "Bearer not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void postEncodes_refusesAnUnknownProfileSet_andContentWithoutAMaster() throws Exception {
        HttpResponse<String> unknown = post("{\"contentId\":\"film-1\",\"profileSet\":\"betamax\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(unknown.body()).path("field").asText()).isEqualTo("profileSet");
        assertThat(post("{\"contentId\":\"no-such-film\",\"profileSet\":\"preview\"}").statusCode()).isEqualTo(404);
        assertThat(post("{\"contentId\":\"../etc\",\"profileSet\":\"preview\"}").statusCode()).isEqualTo(400);
    }

    /** The app with chunks above {@code megapixelFrames} encoded on the Fargate task, and without the masters/ upload trigger. */
    static AppDescription withFargateAbove(AppDescription app, double megapixelFrames) {
        List<Function> functions = app.functions().stream().map(f -> {
            if (!f.name().equals("plan-chunks")) {
                return f;
            }
            Map<String, Ref> env = new java.util.HashMap<>(f.environment());
            env.put("ENCODE_FARGATE_ABOVE_MEGAPIXEL_FRAMES", Ref.literal(Double.toString(megapixelFrames)));
            return new Function(f.name(), f.handler(), f.memoryMb(), f.timeout(), env, f.eventSources(), f.ephemeralStorageMb(), f.ffmpeg(),
                    f.httpRoutes(), f.access(), f.maxConcurrency());
        }).toList();
        // Without the masters/ trigger: these jobs are started by their requests, with their own chunk limits
        // (MasterArrivalEndToEndTest starts them by upload).
        List<ObjectCreatedNotification> notifications = app.notifications().stream().filter(n -> !n.prefix().equals("masters/")).toList();
        return new AppDescription(app.buckets(), app.tables(), app.queues(), notifications, app.stateMachines(), functions, app.tasks(),
                app.schedules(), app.eventBuses(), app.topics(), app.eventRules());
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + pathAndQuery))
                    .header("Authorization", OPERATOR.get()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    static HttpResponse<String> post(String body) throws Exception {
        return post(body, OPERATOR.get());
    }

    static HttpResponse<String> post(String body, String authorization) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/encodes"))
                    .header("Content-Type", "application/json").header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    static DescribeExecutionResponse run(String name, String input) throws InterruptedException {
        return await(runtime.sfn().startExecution(r -> r.stateMachineArn(runtime.names().stateMachineArn(Ichibyo.ENCODE))
                .name(name).input(input)).executionArn());
    }

    static DescribeExecutionResponse await(String arn) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            DescribeExecutionResponse d = runtime.sfn().describeExecution(r -> r.executionArn(arn));
            if (d.status() != ExecutionStatus.RUNNING) {
                return d;
            }
            assertThat(Instant.now()).as("execution %s still running", arn).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    static String text(String key) {
        return runtime.s3().getObjectAsBytes(g -> g.bucket(Ichibyo.MEDIA_BUCKET).key(key)).asUtf8String();
    }
}
