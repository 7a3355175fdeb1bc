package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.media.MediaKind;
import ichibyo.app.AppDescription;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.app.Ref;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.delivery.ExecutionNames;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.scoring.TakenAt;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.family.FamilyDirectory;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import ichibyo.local.runtime.scheduler.LocalScheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Scheduled delivery runs on the local runtime (in this JVM), with real FFmpeg: families registered
 * through {@code POST /families}, media catalogued as score-media writes them (originals in S3, tiny
 * generated 320×180 clips), the quarterly schedule fired (twice), and then what families get: one
 * playable movie each, made of their own media only, exactly once, with one MovieDelivered event;
 * too little material skipped, unrenderable media a recorded failure that does not stop the run; no
 * monthly movie for a family without premium. An editions override in the bucket keeps movies small.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryRunEndToEndTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final Duration RUN_DEADLINE = Duration.ofSeconds(120);
    static final String TANAKA = "tanaka";   // premium, Japanese name: quarterly and monthly movies
    static final String SMITH = "smith";     // not premium: a quarterly movie, no monthly one
    static final String FEW = "few-media";   // two videos: too little material
    static final String BROKEN = "broken";   // catalogued as usable, but its originals are noise: the render fails
    /**
     * Quarterly plans here have five moments, monthly ones four: the quarterly movies render on the Fargate
     * task (a child process running tasks' jar), the monthly one on Lambda, so a run of each edition takes each path.
     */
    static final int FARGATE_ABOVE_MOMENTS = 4;

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static MediaCatalog catalog;
    static FamilyDirectory families;
    static Period quarter;
    static Period month;
    static final List<Path> clips = new ArrayList<>();

    /** Small movies: 180 px high at 15 fps, four to six moments, four usable items make a family eligible. */
    static final String EDITIONS = SmallEditions.DOCUMENT;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(withoutScoring(withFargateAbove(Ichibyo.app(), FARGATE_ABOVE_MOMENTS))));
        catalog = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE);
        families = new FamilyDirectory(runtime.dynamoDb(), Ichibyo.FAMILIES_TABLE);
        Instant now = Instant.now();
        quarter = Editions.defaults().edition("quarterly").dueAt(now, TOKYO);
        month = Editions.defaults().edition("monthly").dueAt(now, TOKYO);
        runtime.s3().putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key("config/editions.json"), RequestBody.fromString(EDITIONS));
        FfmpegRunner ffmpeg = FfmpegRunner.local();
        String[] colours = {"testsrc", "testsrc2", "smptebars", "rgbtestsrc", "yuvtestsrc"};
        for (int i = 0; i < colours.length; i++) {
            Path clip = work.resolve("clip-" + i + ".mp4");
            ffmpeg.ffmpeg(List.of("-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    colours[i] + "=size=320x180:rate=15:duration=1.5", "-f", "lavfi", "-i", "sine=frequency=" + (300 + 100 * i)
                            + ":duration=1.5", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    "-shortest", "-y", clip.toString()), Duration.ofSeconds(60));
            clips.add(clip);
        }

        assertThat(postFamily(Map.of("familyId", TANAKA, "displayName", "田中家", "premium", true)).statusCode()).isEqualTo(201);
        assertThat(postFamily(Map.of("familyId", SMITH, "displayName", "The Smiths", "premium", false)).statusCode()).isEqualTo(201);
        assertThat(postFamily(Map.of("familyId", FEW, "displayName", "佐藤家")).statusCode()).isEqualTo(201);
        assertThat(postFamily(Map.of("familyId", BROKEN, "displayName", "Broken Family")).statusCode()).isEqualTo(201);

        seed(TANAKA, quarter, 5, false);
        seed(SMITH, quarter, 5, false);
        seed(FEW, quarter, 2, false);
        seed(BROKEN, quarter, 5, true);
        seed(TANAKA, month, 4, false);
        seed(SMITH, month, 4, false);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void postFamilies_validatesWithTheFieldNamed_andUpdatesAnExistingFamily() throws Exception {
        HttpResponse<String> badZone = postFamily(Map.of("familyId", "x", "displayName", "X", "timeZone", "Mars/Olympus"));
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(badZone.body()).path("field").asText()).isEqualTo("timeZone");
        HttpResponse<String> badPremium = postFamily(Map.of("familyId", "x", "displayName", "X", "premium", "very"));
        assertThat(badPremium.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(badPremium.body()).path("field").asText()).isEqualTo("premium");
        assertThat(postFamily(Map.of("familyId", "bad id!", "displayName", "X")).statusCode()).isEqualTo(400);

        HttpResponse<String> again = postFamily(Map.of("familyId", TANAKA, "displayName", "田中家", "premium", true));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).path("displayName").asText()).isEqualTo("田中家");
        assertThat(families.get(TANAKA)).hasValueSatisfying(f -> assertThat(f.premium()).isTrue());
    }

    @Test
    @Order(2)
    void selectMaterials_givesTheSamePlanForTheSameCatalog() throws Exception {
        String runPrefix = "runs/monthly/" + month.name() + "/";
        invoke("plan-delivery-run", Map.of("edition", "monthly", "period", month.name()));
        Map<String, Object> family = Map.of("familyId", TANAKA, "displayName", "田中家", "premium", true, "timeZone", "Asia/Tokyo");
        Map<String, Object> input = Map.of("family", family, "edition", "monthly", "period", month.name(), "runPrefix", runPrefix,
                "runName", "determinism");
        String planKey = new Delivery(TANAKA, "monthly", month).planKey();
        JsonNode first = invoke("select-materials", input);
        assertThat(first.path("status").asText()).isEqualTo("SELECTED");
        assertThat(first.path("renderOn").asText()).isEqualTo("LAMBDA");
        assertThat(first.path("planKey").asText()).isEqualTo(planKey);
        String plan1 = text(planKey);
        JsonNode second = invoke("select-materials", input);
        assertThat(second.path("moments").asInt()).isEqualTo(first.path("moments").asInt()).isBetween(3, 6);
        assertThat(text(planKey)).isEqualTo(plan1);
    }

    @Test
    @Order(3)
    void theQuarterlyScheduleFiredTwice_deliversEachEligibleFamilyOnce_andRecordsWhoWasSkippedOrFailed() throws Exception {
        LocalScheduler.Firing first = runtime.scheduler().fireNow("delivery-quarterly");
        LocalScheduler.Firing second = runtime.scheduler().fireNow("delivery-quarterly");
        assertThat(first.error()).isNull();
        assertThat(second.error()).isNull();

        String runName = ExecutionNames.run("quarterly", quarter);
        DescribeExecutionResponse run = awaitRun(runName);
        assertThat(run.status()).as("run %s: %s %s", runName, run.error(), run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        awaitDone(first.executionArn());
        awaitDone(second.executionArn());
        // One run for the period: both triggers named the same execution.
        assertThat(runtime.sfn().listExecutions(r -> r.stateMachineArn(runtime.names().stateMachineArn(Ichibyo.DELIVERY_RUN)))
                .executions()).filteredOn(e -> e.name().startsWith("quarterly-")).hasSize(1);

        JsonNode summary = Json.mapper().readTree(run.output());
        assertThat(summary.path("delivered").asInt()).as("summary %s", summary).isEqualTo(2);
        assertThat(summary.path("skipped").path("TOO_LITTLE_MATERIAL").asInt()).isEqualTo(1);
        assertThat(summary.path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("failures").get(0).path("familyId").asText()).isEqualTo(BROKEN);
        assertThat(summary.path("estimatedCost").asDouble()).isPositive();
        JsonNode full = Json.mapper().readTree(text(summary.path("summaryKey").asText()));
        assertThat(full.path("cost").path("lines").findValuesAsText("item")).contains("Lambda duration",
                "Step Functions Standard transitions", "Step Functions Express requests");
        assertThat(text("runs/quarterly/" + quarter.name() + "/failures/" + BROKEN + ".json")).contains("\"error\"");

        for (String familyId : List.of(TANAKA, SMITH)) {
            Delivery delivery = new Delivery(familyId, "quarterly", quarter);
            MediaInfo movie = probe(delivery.movieKey());
            assertThat(movie.hasAudio()).isTrue();
            assertThat(movie.height()).isEqualTo(180);
            assertThat(movie.duration()).isBetween(2.0, 8.0);
            RenderPlan plan = RenderPlan.fromJson(text(largePlanKey(familyId)));
            assertThat(plan.clips()).hasSizeGreaterThan(FARGATE_ABOVE_MOMENTS).allSatisfy(c ->
                    assertThat(c.source()).startsWith("s3://" + Ichibyo.MEDIA_BUCKET + "/originals/" + familyId + "/"));
            JsonNode selection = Json.mapper().readTree(text(delivery.selectionKey()));
            assertThat(selection.path("picks").findValuesAsText("mediaId")).allSatisfy(id -> assertThat(id).startsWith(familyId + "-"));
            assertThat(families.delivery(delivery)).hasValueSatisfying(d -> {
                assertThat(d.eventSent()).isTrue();
                assertThat(d.record().executionName()).isEqualTo(runName);
            });
        }
        assertThat(RenderPlan.fromJson(text(largePlanKey(TANAKA))).title())
                .isEqualTo("田中家 " + ichibyo.core.delivery.MovieTitle.japanese(quarter));
        // Both movies came from the Fargate map: its results list them, and each task left its log.
        String manifest = runtime.s3().listObjectsV2(r -> r.bucket(Ichibyo.MEDIA_BUCKET)
                        .prefix("runs/quarterly/" + quarter.name() + "/results/large")).contents().stream()
                .map(o -> o.key()).filter(k -> k.endsWith("manifest.json")).findFirst().orElseThrow();
        String succeeded = Json.mapper().readTree(text(manifest)).path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText();
        assertThat(text(succeeded)).contains(TANAKA, SMITH);
        try (var logs = Files.walk(data.resolve("logs/ecs"))) {
            assertThat(logs.filter(Files::isRegularFile).count()).as("Fargate task logs").isGreaterThanOrEqualTo(3);
        }
        for (String familyId : List.of(FEW, BROKEN)) {
            assertThat(exists(new Delivery(familyId, "quarterly", quarter).movieKey())).as("movie of %s", familyId).isFalse();
            assertThat(families.delivery(new Delivery(familyId, "quarterly", quarter))).isEmpty();
        }

        // One MovieDelivered per delivered family, with the delivery id consumers de-duplicate on.
        List<JsonNode> delivered = movieDelivered("quarterly");
        assertThat(delivered).extracting(e -> e.path("detail").path("familyId").asText()).containsExactlyInAnyOrder(TANAKA, SMITH);
        assertThat(delivered).extracting(e -> e.path("detail").path("deliveryId").asText())
                .containsExactlyInAnyOrder(new Delivery(TANAKA, "quarterly", quarter).deliveryId(),
                        new Delivery(SMITH, "quarterly", quarter).deliveryId());

        // After the run ended, the schedule firing again starts nothing new.
        LocalScheduler.Firing late = runtime.scheduler().fireNow("delivery-quarterly");
        JsonNode lateOutput = Json.mapper().readTree(awaitDone(late.executionArn()).output());
        assertThat(lateOutput.path("started").asBoolean()).isFalse();
        assertThat(movieDelivered("quarterly")).hasSize(2);
    }

    @Test
    @Order(4)
    void theMonthlyEdition_isForPremiumFamiliesOnly() throws Exception {
        LocalScheduler.Firing firing = runtime.scheduler().fireNow("delivery-monthly");
        assertThat(firing.error()).isNull();
        DescribeExecutionResponse run = awaitRun(ExecutionNames.run("monthly", month));
        assertThat(run.status()).as("%s %s", run.error(), run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode summary = Json.mapper().readTree(run.output());
        assertThat(summary.path("delivered").asInt()).as("summary %s", summary).isEqualTo(1);
        assertThat(summary.path("skipped").path("NOT_PREMIUM").asInt()).isPositive(); // at least the Smiths
        assertThat(probe(new Delivery(TANAKA, "monthly", month).movieKey()).duration()).isPositive();
        assertThat(exists(new Delivery(SMITH, "monthly", month).movieKey())).isFalse();
        assertThat(movieDelivered("monthly")).extracting(e -> e.path("detail").path("familyId").asText()).containsExactly(TANAKA);
    }

    // ---- seeding ----

    /** {@code count} videos of a family in the period, catalogued as score-media catalogues them, their originals in S3. */
    static void seed(String familyId, Period period, int count, boolean broken) {
        Instant start = period.range(TOKYO).start();
        long span = period.range(TOKYO).length().toSeconds();
        Random random = new Random(familyId.hashCode() + period.hashCode());
        for (int i = 0; i < count; i++) {
            String mediaId = familyId + "-" + period.name() + "-" + i;
            String key = "originals/" + familyId + "/" + mediaId + ".mp4";
            byte[] bytes;
            try {
                bytes = broken ? noise(random) : Files.readAllBytes(clips.get(i % clips.size()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String eTag = runtime.s3().putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(key).contentType("video/mp4"),
                    RequestBody.fromBytes(bytes)).eTag();
            Instant takenAt = start.plusSeconds(span * (2L * i + 1) / (2L * count)); // spread over the period
            MediaItem item = new MediaItem(familyId, mediaId, new SourceObject(Ichibyo.MEDIA_BUCKET, key, eTag, null, "0" + i),
                    MediaStatus.SCORED, null, null, MediaKind.VIDEO, "MP4", 320, 180, 1, 0, 1500L, 15.0, "h264", null, true,
                    takenAt, "+09:00", TakenAt.Source.CONTAINER, takenAt, 0, 0.0, 0.0, List.of(), 0.5, 0.5, 0.5, 0.5, -20.0,
                    0.2, 0.4 + 0.1 * i, null, null, Instant.now());
            assertThat(catalog.save(item, null)).isTrue();
        }
    }

    static byte[] noise(Random random) {
        byte[] b = new byte[4096];
        random.nextBytes(b);
        return b;
    }

    // ---- helpers ----

    static HttpResponse<String> postFamily(Map<String, Object> body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            // Signed in as the one test user, who creates (and so owns) every family of the test.
            return http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/families"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + runtime.tokens().issue("delivery-tester"))
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    static JsonNode invoke(String function, Object payload) throws Exception {
        var result = runtime.invoker().invoke(function, Json.mapper().writeValueAsString(payload));
        assertThat(result.functionError()).as("%s: %s", function, result.payload()).isNull();
        return Json.mapper().readTree(result.payload());
    }

    static DescribeExecutionResponse awaitRun(String name) throws InterruptedException {
        String arn = "arn:aws:states:us-east-1:123456789012:execution:" + Ichibyo.DELIVERY_RUN + ":" + name;
        long end = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            try {
                DescribeExecutionResponse r = runtime.sfn().describeExecution(d -> d.executionArn(arn));
                if (r.status() != ExecutionStatus.RUNNING) {
                    return r;
                }
            } catch (software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException e) {
                // not started yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + name + " did not end within " + RUN_DEADLINE);
    }

    static DescribeExecutionResponse awaitDone(String arn) throws InterruptedException {
        long end = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            DescribeExecutionResponse r = runtime.sfn().describeExecution(d -> d.executionArn(arn));
            if (r.status() != ExecutionStatus.RUNNING) {
                assertThat(r.status()).as("%s: %s %s", arn, r.error(), r.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(arn + " did not end within " + RUN_DEADLINE);
    }

    static List<JsonNode> movieDelivered(String edition) {
        return runtime.events(Ichibyo.EVENT_BUS).stream()
                .filter(e -> e.path("detail-type").asText().equals("MovieDelivered"))
                .filter(e -> e.path("detail").path("edition").asText().equals(edition)).toList();
    }

    /**
     * {@code app} without its S3 notifications: the test catalogs its originals itself, as score-media would, and
     * score-media (which runs in this JVM too) must not score them again from their own metadata.
     */
    static AppDescription withoutScoring(AppDescription app) {
        return new AppDescription(app.buckets(), app.tables(), app.queues(), List.of(), app.stateMachines(),
                app.functions(), app.tasks(), app.schedules(), app.eventBuses());
    }

    static String largePlanKey(String familyId) {
        return "runs/quarterly/" + quarter.name() + "/large-plans/" + familyId + ".json";
    }

    /** {@code app} with select-materials sending plans of more than {@code moments} moments to the Fargate task. */
    static AppDescription withFargateAbove(AppDescription app, int moments) {
        List<Function> functions = app.functions().stream().map(f -> {
            if (!f.name().equals("select-materials")) {
                return f;
            }
            Map<String, Ref> env = new java.util.HashMap<>(f.environment());
            env.put("RENDER_ON_FARGATE_ABOVE_MOMENTS", Ref.literal(Integer.toString(moments)));
            return new Function(f.name(), f.handler(), f.memoryMb(), f.timeout(), env, f.eventSources(),
                    f.ephemeralStorageMb(), f.ffmpeg(), f.httpRoutes());
        }).toList();
        return new AppDescription(app.buckets(), app.tables(), app.queues(), app.notifications(), app.stateMachines(),
                functions, app.tasks(), app.schedules(), app.eventBuses());
    }

    static String text(String key) {
        return runtime.s3().getObjectAsBytes(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(key)).asUtf8String();
    }

    static boolean exists(String key) {
        return !runtime.s3().listObjectsV2(r -> r.bucket(Ichibyo.MEDIA_BUCKET).prefix(key)).contents().isEmpty();
    }

    static MediaInfo probe(String key) throws Exception {
        Path file = work.resolve(key.replace('/', '_'));
        Files.deleteIfExists(file);
        runtime.s3().getObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(key), file);
        return MediaProbe.local().probe(file);
    }
}
