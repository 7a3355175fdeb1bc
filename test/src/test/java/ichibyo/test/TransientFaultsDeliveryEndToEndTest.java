package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.AppDescription;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.delivery.ExecutionNames;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaKind;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.scoring.TakenAt;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.family.FamilyDirectory;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import ichibyo.local.runtime.faults.FaultInjector;
import ichibyo.local.runtime.faults.Faults;
import ichibyo.local.runtime.scheduler.LocalScheduler;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A delivery run survives transient failures: on a runtime that fails 20 % of Lambda invocations (15 % refused
 * by Lambda's API as ServiceException or TooManyRequestsException, 5 % run but reported timed out: what they did
 * stays done, their result is lost) and 20 % of ECS RunTask calls, every eligible family gets exactly one movie
 * (one delivery record, one movie in S3, one MovieDelivered event) and the run's summary counts them once. The
 * faults are seeded; the retries are the state machines' own Retry policies.
 */
class TransientFaultsDeliveryEndToEndTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Seed 41 fails the second RunTask of the render task: the Fargate path is faulted too. */
    static final Faults FAULTS = new Faults(0.15, 0.05, 0.2, 41);
    static final Duration DEADLINE = Duration.ofSeconds(150);
    /** Plans of more than five moments render on the Fargate task, the others on Lambda. */
    static final int FARGATE_ABOVE_MOMENTS = 5;

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        // The test catalogs its media itself, as score-media would.
        AppDescription app = DeliveryRunEndToEndTest.withoutScoring(DeliveryRunEndToEndTest.withFargateAbove(Ichibyo.app(),
                FARGATE_ABOVE_MOMENTS));
        runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(app).withFaults(FAULTS));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aDeliveryRun_givesEveryEligibleFamilyExactlyOneMovie() throws Exception {
        Period quarter = Editions.defaults().edition("quarterly").dueAt(Instant.now(), TOKYO);
        runtime.s3().putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key("config/editions.json"), RequestBody.fromString(SmallEditions.DOCUMENT));
        MediaCatalog catalog = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE);
        FamilyDirectory families = new FamilyDirectory(runtime.dynamoDb(), Ichibyo.FAMILIES_TABLE);
        List<Path> clips = clips();
        // Two families with six moments (rendered on Fargate), two with five (on Lambda), one with too little.
        Map<String, Integer> media = Map.of("fargate-1", 6, "fargate-2", 6, "lambda-1", 5, "lambda-2", 5, "too-few", 2);
        media.forEach((familyId, count) -> {
            families.put(new Family(familyId, "Family " + familyId, false, "Asia/Tokyo", false, "en"), Instant.now());
            seed(catalog, familyId, quarter, count, clips);
        });
        List<String> eligible = List.of("fargate-1", "fargate-2", "lambda-1", "lambda-2");

        LocalScheduler.Firing firing = runtime.scheduler().fireNow("delivery-quarterly");
        assertThat(firing.error()).isNull();
        DescribeExecutionResponse run = awaitRun(ExecutionNames.run("quarterly", quarter));

        assertThat(run.status()).as("run: %s %s", run.error(), run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode summary = Json.mapper().readTree(run.output());
        assertThat(summary.path("delivered").asInt()).as("summary %s", summary).isEqualTo(eligible.size());
        assertThat(summary.path("failed").asInt()).as("summary %s", summary).isZero();
        assertThat(summary.path("skipped").path("TOO_LITTLE_MATERIAL").asInt()).isEqualTo(1);
        for (String familyId : eligible) {
            Delivery delivery = new Delivery(familyId, "quarterly", quarter);
            assertThat(families.delivery(delivery)).as("delivery record of %s", familyId).hasValueSatisfying(d -> {
                assertThat(d.eventSent()).isTrue();
                assertThat(d.record().movieKey()).isEqualTo(delivery.movieKey());
            });
            Path movie = work.resolve(familyId + ".mp4");
            runtime.s3().getObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(delivery.movieKey()), movie);
            assertThat(MediaProbe.local().probe(movie).duration()).as("movie of %s", familyId).isPositive();
        }
        assertThat(families.delivery(new Delivery("too-few", "quarterly", quarter))).isEmpty();
        // Exactly one MovieDelivered per eligible family, however many times a step was tried.
        List<String> delivered = runtime.events(Ichibyo.EVENT_BUS).stream()
                .filter(e -> e.path("detail-type").asText().equals("MovieDelivered"))
                .map(e -> e.path("detail").path("familyId").asText()).toList();
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(eligible);

        FaultInjector faults = runtime.faults();
        int deliveryFaults = 0;
        for (String function : List.of("plan-delivery-run", "extract-targets", "gather-targets", "select-materials", "render-movie",
                "deliver-movie", "summarize-run")) {
            deliveryFaults += faults.injectedIntoFunction(function);
        }
        System.out.println("faults injected: " + faults.counts());
        assertThat(deliveryFaults).as("faults injected into the delivery steps").isPositive();
        assertThat(faults.injected("ECS_RUN_TASK")).as("RunTask failures injected").isPositive();
    }

    // ---- delivery ----

    /** Tiny clips (320×180, 1.5 s, with sound), as the delivery end-to-end test makes them. */
    static List<Path> clips() throws Exception {
        FfmpegRunner ffmpeg = FfmpegRunner.local();
        String[] patterns = {"testsrc", "testsrc2", "smptebars", "rgbtestsrc", "yuvtestsrc", "smptehdbars"};
        List<Path> clips = new ArrayList<>();
        for (int i = 0; i < patterns.length; i++) {
            Path clip = work.resolve("clip-" + i + ".mp4");
            ffmpeg.ffmpeg(List.of("-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    patterns[i] + "=size=320x180:rate=15:duration=1.5", "-f", "lavfi", "-i", "sine=frequency=" + (300 + 100 * i)
                            + ":duration=1.5", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    "-shortest", "-y", clip.toString()), Duration.ofSeconds(60));
            clips.add(clip);
        }
        return clips;
    }

    /** {@code count} videos of a family in the period, catalogued as score-media catalogues them, their originals in S3. */
    static void seed(MediaCatalog catalog, String familyId, Period period, int count, List<Path> clips) {
        Instant start = period.range(TOKYO).start();
        long span = period.range(TOKYO).length().toSeconds();
        for (int i = 0; i < count; i++) {
            String mediaId = familyId + "-" + i;
            String key = "originals/" + familyId + "/" + mediaId + ".mp4";
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(clips.get(i % clips.size()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String eTag = runtime.s3().putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(key).contentType("video/mp4"),
                    RequestBody.fromBytes(bytes)).eTag();
            Instant takenAt = start.plusSeconds(span * (2L * i + 1) / (2L * count));
            MediaItem item = new MediaItem(familyId, mediaId, new SourceObject(Ichibyo.MEDIA_BUCKET, key, eTag, null, "0" + i),
                    MediaStatus.SCORED, null, null, MediaKind.VIDEO, "MP4", 320, 180, 1, 0, 1500L, 15.0, "h264", null, true,
                    takenAt, "+09:00", TakenAt.Source.CONTAINER, takenAt, 0, 0.0, 0.0, List.of(), 0.5, 0.5, 0.5, 0.5, -20.0,
                    0.2, 0.4 + 0.1 * i, null, null, Instant.now());
            assertThat(catalog.save(item, null)).isTrue();
        }
    }

    static DescribeExecutionResponse awaitRun(String name) throws InterruptedException {
        String arn = "arn:aws:states:us-east-1:123456789012:execution:" + Ichibyo.DELIVERY_RUN + ":" + name;
        long end = System.nanoTime() + DEADLINE.toNanos();
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
        throw new AssertionError("run " + name + " did not end within " + DEADLINE);
    }
}
