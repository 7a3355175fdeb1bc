package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.delivery.ExecutionNames;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaKind;
import ichibyo.core.scoring.TakenAt;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.family.FamilyDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local runtime killed as a crash kills it ({@code kill -9} of the {@code up} process and its runtime JVM:
 * no shutdown hook, nothing flushed) and started again on the same data directory loses nothing: uploads whose
 * events were in the queue, in flight or never sent are all catalogued once (durable queues, and the
 * reconciler that runs on every start), and a delivery run cut midway finishes with each family delivered
 * exactly once (the emulator's journal resumes the run; delivery records are conditional writes).
 */
class CrashRecoveryEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    Path data;
    @TempDir
    Path work;

    @Test
    void aBurstOfUploads_killedThreeSecondsLater_isCataloguedOnce_afterARestart() throws Exception {
        String family = "burst";
        int uploads = 50;
        RuntimeProcess first = RuntimeProcess.up(data, work, "first");
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            first.createFamily(http, family, "The Bursts");
            for (int i = 0; i < uploads; i++) {
                first.upload(http, family, "photo-" + i, RuntimeProcess.photo(i));
            }
        } finally {
            Thread.sleep(3000);
            first.kill();
        }

        try (RuntimeProcess second = RuntimeProcess.up(data, work, "second")) {
            MediaCatalog catalog = new MediaCatalog(second.dynamoDb, Ichibyo.CATALOG_TABLE);
            await("all " + uploads + " uploads catalogued", second, () -> catalog.items(family).size() >= uploads);
            List<MediaItem> items = catalog.items(family);
            assertThat(items).hasSize(uploads);
            assertThat(items).extracting(MediaItem::mediaId).doesNotHaveDuplicates();
            assertThat(items).extracting(i -> i.source().key()).doesNotHaveDuplicates()
                    .allSatisfy(k -> assertThat(k).matches("originals/burst/photo-\\d+\\.jpg"));
            assertThat(items).allSatisfy(i -> assertThat(i.status()).as("%s: %s", i.mediaId(), i.rejectDetail())
                    .isEqualTo(MediaStatus.SCORED));
            String dlq = second.sqs.getQueueUrl(r -> r.queueName(Ichibyo.SCORE_MEDIA_DLQ)).queueUrl();
            assertThat(second.sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values()).containsOnly("0");
        }
    }

    @Test
    void aDeliveryRunKilledMidway_finishesAfterARestart_withEachFamilyDeliveredExactlyOnce() throws Exception {
        int familyCount = 6;
        Period quarter = Editions.defaults().edition("quarterly").dueAt(Instant.now(), TOKYO);
        List<Path> clips = clips(4);
        List<String> familyIds = new ArrayList<>();
        String runName = ExecutionNames.run("quarterly", quarter);
        String runArn = "arn:aws:states:us-east-1:123456789012:execution:" + Ichibyo.DELIVERY_RUN + ":" + runName;
        RuntimeProcess first = RuntimeProcess.up(data, work, "first");
        try {
            first.s3.putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key("config/editions.json"), RequestBody.fromString(SmallEditions.DOCUMENT));
            MediaCatalog catalog = new MediaCatalog(first.dynamoDb, Ichibyo.CATALOG_TABLE);
            try (HttpClient http = HttpClient.newHttpClient()) {
                for (int f = 0; f < familyCount; f++) {
                    String id = "family-" + f;
                    familyIds.add(id);
                    first.createFamily(http, id, "Family " + f);
                    seed(first, catalog, id, quarter, clips);
                }
            }
            // What the quarterly schedule starts.
            first.sfn.startExecution(r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:" + Ichibyo.START_DELIVERY_RUN)
                    .input("{\"edition\":\"quarterly\"}"));
            FamilyDirectory families = new FamilyDirectory(first.dynamoDb, Ichibyo.FAMILIES_TABLE);
            // Killed as soon as a first family has its movie: the others are being selected, rendered or waiting.
            await("a first family delivered", first, () -> delivered(families, familyIds, quarter) > 0);
        } finally {
            first.kill();
        }

        try (RuntimeProcess second = RuntimeProcess.up(data, work, "second")) {
            FamilyDirectory families = new FamilyDirectory(second.dynamoDb, Ichibyo.FAMILIES_TABLE);
            int atRestart = delivered(families, familyIds, quarter);
            assertThat(atRestart).as("families delivered when the runtime was killed").isBetween(1, familyCount - 1);
            DescribeExecutionResponse run = awaitRun(second, runArn);
            assertThat(run.status()).as("the resumed run: %s %s; log: %s", run.error(), run.cause(), Logs.tail(second.log))
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode summary = Json.mapper().readTree(run.output());
            assertThat(summary.path("delivered").asInt()).as("summary %s", summary).isEqualTo(familyCount);
            assertThat(summary.path("failed").asInt()).isZero();
            for (String id : familyIds) {
                Delivery delivery = new Delivery(id, "quarterly", quarter);
                assertThat(families.delivery(delivery)).as("delivery of %s", id).hasValueSatisfying(d -> {
                    assertThat(d.record().executionName()).isEqualTo(runName);
                    assertThat(d.eventSent()).isTrue();
                });
                assertThat(second.s3.listObjectsV2(r -> r.bucket(Ichibyo.MEDIA_BUCKET).prefix("movies/" + id + "/")).contents())
                        .extracting(o -> o.key()).filteredOn(k -> k.endsWith(".mp4")).containsExactly(delivery.movieKey());
            }
            // One run for the period, the one that was cut and resumed.
            assertThat(second.sfn.listExecutions(r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:"
                    + Ichibyo.DELIVERY_RUN)).executions()).extracting(e -> e.name()).containsExactly(runName);
        }
    }

    // ---- delivery ----

    private List<Path> clips(int count) {
        FfmpegRunner ffmpeg = FfmpegRunner.local();
        String[] sources = {"testsrc", "testsrc2", "smptebars", "rgbtestsrc"};
        List<Path> clips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path clip = work.resolve("clip-" + i + ".mp4");
            ffmpeg.ffmpeg(List.of("-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", sources[i % sources.length]
                    + "=size=320x180:rate=15:duration=1.5", "-f", "lavfi", "-i", "sine=frequency=" + (300 + 100 * i) + ":duration=1.5",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-y", clip.toString()),
                    Duration.ofSeconds(60));
            clips.add(clip);
        }
        return clips;
    }

    /**
     * One video per clip, catalogued as score-media catalogues it. The item is written before its original, so
     * that the original's S3 event finds it (same ETag: nothing to score) and the reconciler sees no gap.
     */
    private static void seed(RuntimeProcess runtime, MediaCatalog catalog, String familyId, Period period, List<Path> clips) throws Exception {
        Instant start = period.range(TOKYO).start();
        long span = period.range(TOKYO).length().toSeconds();
        for (int i = 0; i < clips.size(); i++) {
            byte[] bytes = Files.readAllBytes(clips.get(i));
            String mediaId = familyId + "-" + i;
            String key = "originals/" + familyId + "/" + mediaId + ".mp4";
            String eTag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)); // S3's ETag of a single PUT
            Instant takenAt = start.plusSeconds(span * (2L * i + 1) / (2L * clips.size()));
            MediaItem item = new MediaItem(familyId, mediaId, new SourceObject(Ichibyo.MEDIA_BUCKET, key, eTag, null, "0" + i),
                    MediaStatus.SCORED, null, null, MediaKind.VIDEO, "MP4", 320, 180, 1, 0, 1500L, 15.0, "h264", null, true,
                    takenAt, "+09:00", TakenAt.Source.CONTAINER, takenAt, 0, 0.0, 0.0, List.of(), 0.5, 0.5, 0.5, 0.5, -20.0,
                    0.2, 0.4 + 0.1 * i, null, null, Instant.now());
            assertThat(catalog.save(item, null)).isTrue();
            String stored = runtime.s3.putObject(r -> r.bucket(Ichibyo.MEDIA_BUCKET).key(key).contentType("video/mp4"),
                    RequestBody.fromBytes(bytes)).eTag();
            assertThat(stored.replace("\"", "")).isEqualTo(eTag);
        }
    }

    private static int delivered(FamilyDirectory families, List<String> familyIds, Period quarter) {
        int n = 0;
        for (String id : familyIds) {
            if (families.delivery(new Delivery(id, "quarterly", quarter)).isPresent()) {
                n++;
            }
        }
        return n;
    }

    private static DescribeExecutionResponse awaitRun(RuntimeProcess runtime, String arn) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            try {
                DescribeExecutionResponse r = runtime.sfn.describeExecution(d -> d.executionArn(arn));
                if (r.status() != ExecutionStatus.RUNNING) {
                    return r;
                }
            } catch (ExecutionDoesNotExistException e) {
                throw new AssertionError("the run " + arn + " was lost in the restart");
            }
            Thread.sleep(250);
        }
        throw new AssertionError(arn + " did not end within " + DEADLINE + "; log: " + Logs.tail(runtime.log));
    }

    private static void await(String what, RuntimeProcess runtime, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (!runtime.alive() || System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + DEADLINE + " (runtime alive: " + runtime.alive() + "); log: "
                        + Logs.tail(runtime.log));
            }
            Thread.sleep(100);
        }
    }
}
