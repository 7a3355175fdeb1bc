package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.AppDescription;
import ichibyo.app.Ichibyo;
import ichibyo.app.Queue;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import ichibyo.local.runtime.faults.FaultInjector;
import ichibyo.local.runtime.faults.Faults;
import ichibyo.samples.SampleMedia;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Uploads survive transient failures: on a runtime that fails 20 % of Lambda invocations (15 % refused by
 * Lambda's API as ServiceException or TooManyRequestsException, 5 % run but reported timed out, their result
 * lost), every upload of a batch is scored exactly once. The faults are seeded; the retries are the app's
 * own (SQS redelivery of a failed batch, a client retrying a 5xx from upload-url). The delivery runs under
 * faults: {@link TransientFaultsDeliveryEndToEndTest}.
 */
class TransientFaultsUploadEndToEndTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Seed 41: score-media's first invocation times out after it ran (its batch is scored again), its second is throttled. */
    static final Faults FAULTS = new Faults(0.15, 0.05, 0, 41);
    static final Duration DEADLINE = Duration.ofSeconds(150);
    static final String UPLOADER = "fam-uploads";
    static final int UPLOADS = 20;

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        // Redelivery after a failed batch in seconds rather than score-media's twelve minutes.
        AppDescription app = withVisibility(Ichibyo.app(), Ichibyo.SCORE_MEDIA_QUEUE, Duration.ofSeconds(6));
        runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(app).withFaults(FAULTS));
        token = runtime.tokens().issue(UPLOADER + "-owner");
    }

    static String token;

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aBatchOfUploads_isEveryOneScoredExactlyOnce() throws Exception {
        byte[] photo = smallJpeg(SampleMedia.groupPhoto(1), 480);
        // The caller creates the family, so owns it, so upload-url presigns for it.
        assertThat(post("/families", Json.mapper().writeValueAsString(Map.of("familyId", UPLOADER, "displayName", "Uploaders")))
                .statusCode()).isEqualTo(201);
        for (int i = 0; i < UPLOADS; i++) {
            upload("photo-" + i, photo);
        }

        MediaCatalog catalog = new MediaCatalog(runtime.dynamoDb(), Ichibyo.CATALOG_TABLE);
        List<MediaItem> items = awaitItems(catalog);
        assertThat(items).extracting(MediaItem::mediaId).doesNotHaveDuplicates().hasSize(UPLOADS);
        assertThat(items).allSatisfy(item -> {
            assertThat(item.status()).as("%s: %s", item.mediaId(), item.rejectDetail()).isEqualTo(MediaStatus.SCORED);
            assertThat(item.source().key()).isEqualTo("originals/" + UPLOADER + "/" + item.mediaId() + ".jpg");
        });
        // The monthly counters, changed in one transaction with each item, counted each upload once.
        Set<YearMonth> months = new TreeSet<>();
        items.forEach(item -> months.add(item.month()));
        long counted = months.stream().mapToLong(m -> catalog.counts(UPLOADER, m).photos()).sum();
        assertThat(counted).isEqualTo(UPLOADS);
        assertThat(messages(Ichibyo.SCORE_MEDIA_DLQ)).as("dead letters").isZero();
        assertThat(messages(Ichibyo.SCORE_MEDIA_QUEUE)).as("messages left").isZero();

        FaultInjector faults = runtime.faults();
        System.out.println("faults injected: " + faults.counts());
        assertThat(faults.injected("TIMEOUT", "score-media")).as("score-media timed out after scoring").isPositive();
        assertThat(faults.injected("TOO_MANY_REQUESTS", "score-media")).as("score-media throttled").isPositive();
    }

    // ---- uploads ----

    /** upload-url through the HTTP API; then the presigned PUT. */
    static void upload(String mediaId, byte[] content) throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of("familyId", UPLOADER, "mediaId", mediaId, "contentType", "image/jpeg",
                "contentLength", content.length));
        HttpResponse<String> response = post("/upload-url", body);
        assertThat(response.statusCode()).as("POST /upload-url: %s", response.body()).isEqualTo(200);
        JsonNode url = Json.mapper().readTree(response.body());
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url.path("url").asText()))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as("PUT %s: %s", mediaId, put.body()).isEqualTo(200);
    }

    /** A POST to the HTTP API as the family's owner, retried on a 5xx (a failed invocation) with backoff, as a client does. */
    static HttpResponse<String> post(String path, String body) throws Exception {
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + path))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() < 500) {
                return response;
            }
            Thread.sleep(100L << attempt);
        }
        return response;
    }

    static List<MediaItem> awaitItems(MediaCatalog catalog) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        List<MediaItem> items = List.of();
        while (System.nanoTime() < end) {
            items = catalog.items(UPLOADER);
            if (items.size() >= UPLOADS && messages(Ichibyo.SCORE_MEDIA_QUEUE) == 0) {
                return items;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(items.size() + " of " + UPLOADS + " uploads scored within " + DEADLINE + "; dead letters: "
                + messages(Ichibyo.SCORE_MEDIA_DLQ));
    }

    /** Messages in the queue, visible or in flight. */
    static long messages(String queue) {
        Map<QueueAttributeName, String> a = runtime.sqs().getQueueAttributes(r -> r.queueUrl(runtime.names().queueUrl(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** A sample photo scaled down to {@code width}: real content, scored in a fraction of a second. */
    static byte[] smallJpeg(Path photo, int width) throws Exception {
        BufferedImage original = ImageIO.read(photo.toFile());
        int height = original.getHeight() * width / original.getWidth();
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(original, 0, 0, width, height, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "jpg", out);
        return out.toByteArray();
    }

    static AppDescription withVisibility(AppDescription app, String queueName, Duration visibility) {
        List<Queue> queues = app.queues().stream()
                .map(q -> q.name().equals(queueName) ? new Queue(q.name(), visibility, q.retention(), q.deadLetter()) : q).toList();
        return new AppDescription(app.buckets(), app.tables(), queues, app.notifications(), app.stateMachines(),
                app.functions(), app.tasks(), app.schedules(), app.eventBuses());
    }

}
