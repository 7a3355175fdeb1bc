package ichibyo.functions.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.scoring.MediaScorer;
import ichibyo.core.scoring.RejectReason;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.delivery.InvalidStepInputException;
import ichibyo.functions.score.ScoreMediaHandler;
import ichibyo.local.services.EmbeddedServices;
import ichibyo.local.services.EmbeddedServices.Service;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** reconcile-originals on real S3, DynamoDB and SQS: the events it sends are scored by score-media as S3's are. */
class ReconcileOriginalsHandlerTest {
    private static final String BUCKET = "media";
    private static final String TABLE = "catalog";
    private static EmbeddedServices services;
    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static MediaCatalog catalog;
    private static String queue;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        services = EmbeddedServices.builder().only(Service.S3, Service.DYNAMODB, Service.SQS).start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedServices.ACCESS_KEY_ID,
                EmbeddedServices.SECRET_ACCESS_KEY));
        s3 = S3Client.builder().endpointOverride(services.s3().endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        dynamo = DynamoDbClient.builder().endpointOverride(services.dynamoDb().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        sqs = SqsClient.builder().endpointOverride(services.sqs().endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        dynamo.createTable(MediaCatalog.createTableRequest(TABLE));
        queue = sqs.createQueue(q -> q.queueName("score-media")).queueUrl();
        catalog = new MediaCatalog(dynamo, TABLE);
    }

    @AfterAll
    static void stop() {
        s3.close();
        dynamo.close();
        sqs.close();
        services.close();
    }

    private static ReconcileOriginalsHandler handler() {
        return new ReconcileOriginalsHandler(s3, sqs, catalog, BUCKET, queue, "us-east-1", Map.of());
    }

    private static JsonNode reconcile(String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    private static String put(String key, String content) {
        return s3.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromString(content)).eTag().replace("\"", "");
    }

    private static List<Message> drain() {
        List<Message> all = new ArrayList<>();
        for (List<Message> got; !(got = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages()).isEmpty(); ) {
            all.addAll(got);
            got.forEach(m -> sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(m.receiptHandle())));
        }
        return all;
    }

    @Test
    void originalsWithoutAnItemOrWithAStaleOne_areSentToScoring_asS3Events_andScoredOnce() throws Exception {
        String keptETag = put("originals/famR/kept.jpg", "not a photo, already rejected");
        catalog.save(MediaItem.rejected(OriginalKey.parse("originals/famR/kept.jpg"),
                new SourceObject(BUCKET, "originals/famR/kept.jpg", keptETag, null, "0A"), RejectReason.NOT_MEDIA, "junk",
                Instant.now(), Instant.now()), null);
        // Its item is of a version before the one now stored (an overwrite whose event was lost).
        catalog.save(MediaItem.rejected(OriginalKey.parse("originals/famR/overwritten.jpg"),
                new SourceObject(BUCKET, "originals/famR/overwritten.jpg", "old-etag", null, "0B"), RejectReason.NOT_MEDIA, "old",
                Instant.now().minusSeconds(3600), Instant.now().minusSeconds(3600)), null);
        put("originals/famR/overwritten.jpg", "newer junk");
        put("originals/famR/lost one.jpg", "a lost event");
        put("originals/famR/lost.mp4", "another lost event");
        put("originals/outside-any-family.jpg", "no family folder");

        // Two keys per invocation: the result says where to go on.
        JsonNode first = reconcile("{\"maxObjects\": 2}");
        assertThat(first.path("listed").asInt()).isEqualTo(2);
        assertThat(first.path("nextStartAfter").asText()).isEqualTo("originals/famR/lost one.jpg");
        JsonNode rest = reconcile("{\"startAfter\": \"originals/famR/lost one.jpg\"}");
        assertThat(rest.path("listed").asInt()).isEqualTo(3);
        assertThat(rest.hasNonNull("nextStartAfter")).isFalse();
        assertThat(first.path("noItem").asInt() + rest.path("noItem").asInt()).isEqualTo(2);
        assertThat(first.path("olderItem").asInt() + rest.path("olderItem").asInt()).isEqualTo(1);

        List<Message> sent = drain();
        assertThat(sent).extracting(m -> Json.mapper().readTree(m.body()).path("Records").get(0).path("s3").path("object").path("key").asText())
                .containsExactlyInAnyOrder("originals/famR/lost+one.jpg", "originals/famR/lost.mp4", "originals/famR/overwritten.jpg");

        // score-media takes them as S3's own events, and a second delivery of each changes nothing.
        try (MediaScorer scorer = MediaScorer.local()) {
            ScoreMediaHandler scoring = new ScoreMediaHandler(s3, catalog, scorer, work, Clock.systemUTC());
            SQSEvent event = new SQSEvent();
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message m : sent) {
                SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
                r.setMessageId(m.messageId());
                r.setBody(m.body());
                records.add(r);
            }
            event.setRecords(records);
            assertThat(scoring.handleRequest(event, null).getBatchItemFailures()).isEmpty();
            MediaItem healed = catalog.find("famR", "overwritten").orElseThrow();
            assertThat(healed.source().eTag()).isNotEqualTo("old-etag");
            assertThat(catalog.find("famR", "lost").orElseThrow().status()).isEqualTo(MediaStatus.REJECTED);
            assertThat(catalog.items("famR")).extracting(i -> i.source().key()).containsExactlyInAnyOrder("originals/famR/kept.jpg",
                    "originals/famR/overwritten.jpg", "originals/famR/lost one.jpg", "originals/famR/lost.mp4");
            assertThat(scoring.handleRequest(event, null).getBatchItemFailures()).isEmpty();
            assertThat(catalog.find("famR", "overwritten").orElseThrow()).isEqualTo(healed);
        }

        // Healed: nothing more to send.
        assertThat(reconcile("{}").path("noItem").asInt()).isZero();
        assertThat(drain()).isEmpty();
    }

    @Test
    void aRequestOutOfBounds_isRefusedByName() {
        assertThatThrownBy(() -> reconcile("{\"maxObjects\": 1000000}")).isInstanceOf(InvalidStepInputException.class)
                .hasMessageContaining("maxObjects");
        assertThatThrownBy(() -> reconcile("{\"startAfter\": \"derived/x\"}")).isInstanceOf(InvalidStepInputException.class)
                .hasMessageContaining("startAfter");
    }
}
