package ichibyo.functions.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.core.delivery.MaterialCount;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.media.MediaKind;
import ichibyo.core.scoring.MediaScorer;
import ichibyo.core.scoring.RejectReason;
import ichibyo.functions.EmbeddedAws;
import ichibyo.core.retry.RetryBackoff;
import ichibyo.local.services.EmbeddedServices;
import ichibyo.local.services.EmbeddedServices.Service;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.samples.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ScoreMediaHandlerTest {
    private static EmbeddedAws aws;
    private static MediaScorer scorer;
    private static MediaCatalog catalog;
    private static ScoreMediaHandler handler;
    private static long sequencer = 0x1000;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        aws = new EmbeddedAws();
        scorer = MediaScorer.local();
        catalog = new MediaCatalog(aws.dynamoDb, EmbeddedAws.TABLE);
        handler = new ScoreMediaHandler(aws.s3, catalog, scorer, work, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        scorer.close();
        aws.close();
    }

    /** An uploaded object and the S3 event that announces it. */
    private record Upload(String familyId, String mediaId, String key, String eTag, String sequencer) {}

    private static Upload upload(String familyId, String ext, byte[] content) {
        String mediaId = UUID.randomUUID().toString();
        String key = "originals/" + familyId + "/" + mediaId + "." + ext;
        String eTag = aws.s3.putObject(p -> p.bucket(EmbeddedAws.BUCKET).key(key), RequestBody.fromBytes(content)).eTag();
        return new Upload(familyId, mediaId, key, eTag.replace("\"", ""), Long.toHexString(sequencer++).toUpperCase());
    }

    private static Upload upload(String familyId, Path file) throws Exception {
        String name = file.getFileName().toString();
        return upload(familyId, name.substring(name.lastIndexOf('.') + 1).toLowerCase(), Files.readAllBytes(file));
    }

    /** The sample SQS event of events/, carrying an S3 event for {@code upload}. */
    private static SQSEvent.SQSMessage message(Upload upload) throws Exception {
        ObjectNode s3Event = (ObjectNode) Json.mapper().readTree(Files.readString(Path.of("../events/s3-object-created.json")));
        ObjectNode record = (ObjectNode) s3Event.path("Records").get(0);
        ((ObjectNode) record.path("s3").path("bucket")).put("name", EmbeddedAws.BUCKET);
        ObjectNode object = (ObjectNode) record.path("s3").path("object");
        // S3 sends keys URL-encoded, spaces as '+'.
        object.put("key", java.net.URLEncoder.encode(upload.key(), java.nio.charset.StandardCharsets.UTF_8));
        object.put("eTag", upload.eTag());
        object.put("sequencer", upload.sequencer());
        object.put("size", aws.s3.headObject(h -> h.bucket(EmbeddedAws.BUCKET).key(upload.key())).contentLength());
        // Lambda's runtime maps the capitalised "Records" itself; here the fields are copied by hand.
        var sample = Json.mapper().readTree(Files.readString(Path.of("../events/score-media-sqs.json"))).path("Records").get(0);
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setEventSource(sample.path("eventSource").asText());
        message.setEventSourceArn(sample.path("eventSourceARN").asText());
        message.setAwsRegion(sample.path("awsRegion").asText());
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(Json.mapper().writeValueAsString(s3Event));
        return message;
    }

    private static SQSBatchResponse deliver(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(Arrays.asList(messages)));
        return handler.handleRequest(event, null);
    }

    private static MediaItem item(Upload upload) {
        return catalog.find(upload.familyId(), upload.mediaId()).orElseThrow();
    }

    private static int familyItems(String familyId) {
        return aws.dynamoDb.query(q -> q.tableName(EmbeddedAws.TABLE).keyConditionExpression("pk = :pk AND begins_with(sk, :media)")
                .expressionAttributeValues(java.util.Map.of(":pk", AttributeValue.fromS("FAMILY#" + familyId),
                        ":media", AttributeValue.fromS("MEDIA#")))).count();
    }

    @Test
    void groupPhoto_isScoredWithItsFacesAndThumbnail() throws Exception {
        Upload upload = upload("fam-photo", SampleMedia.groupPhoto(4));

        SQSBatchResponse response = deliver(message(upload));

        assertThat(response.getBatchItemFailures()).isEmpty();
        MediaItem item = item(upload);
        assertThat(item.status()).isEqualTo(MediaStatus.SCORED);
        assertThat(item.kind()).isEqualTo(MediaKind.PHOTO);
        assertThat(item.faceCount()).isEqualTo(4);
        assertThat(item.faceBoxes()).hasSize(4);
        assertThat(item.score()).isBetween(0.0, 1.0);
        assertThat(item.source().eTag()).isEqualTo(upload.eTag());
        assertThat(aws.s3.headObject(h -> h.bucket(EmbeddedAws.BUCKET).key(item.thumbnailKey())).contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void sameEventTwice_createsOneItemAndCountsOnce() throws Exception {
        Upload upload = upload("fam-dup", SampleMedia.portrait());
        SQSEvent.SQSMessage message = message(upload);

        assertThat(deliver(message).getBatchItemFailures()).isEmpty();
        MediaItem first = item(upload);
        assertThat(deliver(message).getBatchItemFailures()).isEmpty();

        assertThat(familyItems("fam-dup")).isEqualTo(1);
        assertThat(item(upload).scoredAt()).isEqualTo(first.scoredAt());
        assertThat(catalog.counts("fam-dup", first.month())).isEqualTo(new MaterialCount(1, 0));
    }

    @Test
    void olderEventAfterANewerOne_doesNotOverwriteTheNewerResult() throws Exception {
        Upload older = upload("fam-order", SampleMedia.portrait());
        SQSEvent.SQSMessage olderMessage = message(older);
        // The same key overwritten with another photo: a newer version and a higher sequencer.
        String eTag = aws.s3.putObject(p -> p.bucket(EmbeddedAws.BUCKET).key(older.key()),
                RequestBody.fromFile(SampleMedia.groupPhoto(1))).eTag().replace("\"", "");
        Upload newer = new Upload(older.familyId(), older.mediaId(), older.key(), eTag, Long.toHexString(sequencer++));

        deliver(message(newer));
        deliver(olderMessage);

        assertThat(item(newer).source().eTag()).isEqualTo(eTag);
        assertThat(item(newer).faceCount()).isEqualTo(3);
        assertThat(familyItems("fam-order")).isEqualTo(1);
    }

    @Test
    void badFiles_areRejectedWithTheirReason_andTheRestOfTheBatchSucceeds() throws Exception {
        Upload empty = upload("fam-bad", "jpg", new byte[0]);
        Upload text = upload("fam-bad", "mp4", "#EXTM3U\n#EXTINF:10,\nfile:/etc/passwd\n".getBytes());
        byte[] photo = Files.readAllBytes(SampleMedia.groupPhoto(5));
        Upload truncated = upload("fam-bad", "jpg", Arrays.copyOf(photo, photo.length / 3));
        Upload good = upload("fam-bad", SampleMedia.groupPhoto(5));

        SQSBatchResponse response = deliver(message(empty), message(text), message(truncated), message(good));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(item(empty).status()).isEqualTo(MediaStatus.REJECTED);
        assertThat(item(empty).rejectReason()).isEqualTo(RejectReason.EMPTY);
        assertThat(item(text).rejectReason()).isEqualTo(RejectReason.NOT_MEDIA);
        assertThat(item(truncated).rejectReason()).isEqualTo(RejectReason.TRUNCATED);
        assertThat(item(good).status()).isEqualTo(MediaStatus.SCORED);
        assertThat(item(good).faceCount()).isEqualTo(5);
        // Rejected items are not counted nor listed for selection.
        assertThat(catalog.counts("fam-bad", item(good).month())).isEqualTo(new MaterialCount(1, 0));
    }

    @Test
    void video_isScoredWithAPosterFrame() throws Exception {
        // A phone-like MP4 (H.264 and AAC) made from the film excerpt: uploads are MP4 or QuickTime.
        Path mp4 = work.resolve("film.mp4");
        ichibyo.core.media.FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-i", SampleMedia.filmWithAudio().toString(),
                "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", mp4.toString()),
                java.time.Duration.ofSeconds(60));
        Upload upload = upload("fam-video", mp4);

        assertThat(deliver(message(upload)).getBatchItemFailures()).isEmpty();

        MediaItem item = item(upload);
        assertThat(item.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(item.hasAudio()).isTrue();
        assertThat(item.durationMillis()).isBetween(5_500L, 6_500L);
        assertThat(item.bestMomentStart()).isNotNull();
        assertThat(aws.s3.headObject(h -> h.bucket(EmbeddedAws.BUCKET).key(item.posterKey())).contentLength()).isPositive();
        assertThat(catalog.counts("fam-video", item.month())).isEqualTo(new MaterialCount(0, 1));
    }

    @Test
    void familyCatalog_listsEveryItemOfTheFamily_usableOrNot_andNoCounters() throws Exception {
        Upload photo = upload("fam-all", SampleMedia.groupPhoto(2));
        Upload broken = upload("fam-all", "jpg", "not a photo".getBytes());
        Upload other = upload("fam-all-other", SampleMedia.groupPhoto(3));
        deliver(message(photo), message(broken), message(other));

        List<MediaItem> items = catalog.items("fam-all");

        assertThat(items).extracting(MediaItem::mediaId).containsExactlyInAnyOrder(photo.mediaId(), broken.mediaId());
        assertThat(items).extracting(MediaItem::status).containsExactlyInAnyOrder(MediaStatus.SCORED, MediaStatus.REJECTED);
    }

    @Test
    void usableMediaOfAMonth_areListedBestFirst() throws Exception {
        List<Upload> uploads = List.of(upload("fam-best", SampleMedia.groupPhoto(1)), upload("fam-best", SampleMedia.portrait()),
                upload("fam-best", SampleMedia.footballPhoto()));
        deliver(message(uploads.get(0)), message(uploads.get(1)), message(uploads.get(2)));
        YearMonth month = item(uploads.get(1)).month();

        List<MediaItem> best = catalog.bestOfMonth("fam-best", month, MediaKind.PHOTO, 10);

        List<Double> scores = best.stream().map(MediaItem::score).toList();
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(best).allSatisfy(i -> assertThat(i.month()).isEqualTo(month));
    }

    @Test
    void catalogUnavailable_returnsTheMessageForRetry() throws Exception {
        Upload upload = upload("fam-down", SampleMedia.portrait());
        ScoreMediaHandler broken = new ScoreMediaHandler(aws.s3, new MediaCatalog(aws.dynamoDb, "no-such-table"), scorer, work,
                Clock.systemUTC());
        SQSEvent.SQSMessage failing = message(upload);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(failing));

        SQSBatchResponse response = broken.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(failing.getMessageId());
    }

    @Test
    void aMessageThatFailed_comesBackAfterTheBackoff_notTheQueuesVisibilityTimeout() throws Exception {
        Upload upload = upload("fam-again", SampleMedia.portrait());
        try (EmbeddedServices services = EmbeddedServices.builder().only(Service.SQS).start();
             SqsClient sqs = SqsClient.builder().endpointOverride(services.sqs().endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            // score-media's queue: a message in flight stays invisible for twelve minutes.
            String queueUrl = sqs.createQueue(c -> c.queueName("score-media")
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "720"))).queueUrl();
            SQSEvent.SQSMessage failing = message(upload);
            sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(failing.getBody()));
            Message received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().get(0);
            failing.setMessageId(received.messageId());
            failing.setReceiptHandle(received.receiptHandle());
            failing.setAttributes(received.attributesAsStrings());
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(failing));
            ScoreMediaHandler broken = new ScoreMediaHandler(aws.s3, new MediaCatalog(aws.dynamoDb, "no-such-table"), scorer, work,
                    Clock.systemUTC(), Redelivery.through(sqs, queueUrl, new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1))));

            assertThat(broken.handleRequest(event, null).getBatchItemFailures()).hasSize(1);

            // Back within the backoff (1–2 s after a first receive), received a second time.
            List<Message> again = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            assertThat(again).extracting(Message::messageId).containsExactly(received.messageId());
            assertThat(again.get(0).attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
        }
    }

    @Test
    void keyOutsideOriginals_isIgnored() throws Exception {
        Upload stray = upload("fam-stray", "jpg", Files.readAllBytes(SampleMedia.portrait()));
        Upload outside = new Upload("fam-stray", "x", "derived/fam-stray/x/thumbnail.jpg", stray.eTag(), stray.sequencer());
        aws.s3.copyObject(c -> c.sourceBucket(EmbeddedAws.BUCKET).sourceKey(stray.key())
                .destinationBucket(EmbeddedAws.BUCKET).destinationKey(outside.key()));

        assertThat(deliver(message(outside)).getBatchItemFailures()).isEmpty();
        assertThat(familyItems("fam-stray")).isZero();
    }

    private static Upload uploadAt(String familyId, String key, byte[] content) {
        String eTag = aws.s3.putObject(p -> p.bucket(EmbeddedAws.BUCKET).key(key), RequestBody.fromBytes(content)).eTag();
        String name = key.substring(key.indexOf('/', "originals/".length()) + 1);
        return new Upload(familyId, name, key, eTag.replace("\"", ""), Long.toHexString(sequencer++).toUpperCase());
    }

    private static boolean exists(String key) {
        try {
            aws.s3.headObject(h -> h.bucket(EmbeddedAws.BUCKET).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        }
    }

    @Test
    void sameMediaIdWithAnotherExtension_getsADuplicateItemOfItsOwn_andTheFirstItemStays() throws Exception {
        byte[] photo = Files.readAllBytes(SampleMedia.portrait());
        Upload jpg = uploadAt("fam-twin", "originals/fam-twin/twin.jpg", photo);
        // The same bytes, so the same ETag, under another key: another original, not a duplicate event.
        Upload mp4 = uploadAt("fam-twin", "originals/fam-twin/twin.mp4", photo);

        assertThat(deliver(message(jpg)).getBatchItemFailures()).isEmpty();
        assertThat(deliver(message(mp4)).getBatchItemFailures()).isEmpty();

        MediaItem first = catalog.find("fam-twin", "twin").orElseThrow();
        assertThat(first.source().key()).isEqualTo(jpg.key());
        assertThat(first.status()).isEqualTo(MediaStatus.SCORED);
        MediaItem second = catalog.find("fam-twin", "twin.mp4").orElseThrow();
        assertThat(second.status()).isEqualTo(MediaStatus.REJECTED);
        assertThat(second.rejectReason()).isEqualTo(RejectReason.DUPLICATE_MEDIA_ID);
        assertThat(second.rejectDetail()).contains("originals/fam-twin/twin.jpg");
        assertThat(second.source().key()).isEqualTo(mp4.key());
        assertThat(familyItems("fam-twin")).isEqualTo(2);
        assertThat(catalog.counts("fam-twin", first.month())).isEqualTo(new MaterialCount(1, 0));
    }

    @Test
    void keysOutsideTheStrictFormUnderAFamily_getABadKeyItemEach() throws Exception {
        byte[] photo = Files.readAllBytes(SampleMedia.portrait());
        List<String> names = List.of("IMG.JPG", "no-extension", "with space.jpg", "sub/folder/x.jpg", "dots.in.name.jpg");
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (String name : names) {
            messages.add(message(uploadAt("fam-keys", "originals/fam-keys/" + name, photo)));
        }

        assertThat(deliver(messages.toArray(SQSEvent.SQSMessage[]::new)).getBatchItemFailures()).isEmpty();

        List<MediaItem> items = catalog.items("fam-keys");
        assertThat(items).extracting(MediaItem::mediaId).containsExactlyInAnyOrderElementsOf(names);
        assertThat(items).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(MediaStatus.REJECTED);
            assertThat(i.rejectReason()).isEqualTo(RejectReason.BAD_KEY);
            assertThat(i.source().key()).isEqualTo("originals/fam-keys/" + i.mediaId());
        });
    }

    @Test
    void objectOutsideAnyFamilyFolder_isCountedAndGetsNoItem() throws Exception {
        long before = handler.strayObjects();
        Upload loose = uploadAt("-", "originals/loose.jpg", Files.readAllBytes(SampleMedia.portrait()));

        assertThat(deliver(message(loose)).getBatchItemFailures()).isEmpty();

        assertThat(handler.strayObjects()).isEqualTo(before + 1);
    }

    @Test
    void overwrittenOriginalThatNoLongerScores_hasItsStaleThumbnailDeleted() throws Exception {
        Upload photo = upload("fam-over", SampleMedia.portrait());
        deliver(message(photo));
        String thumbnail = item(photo).thumbnailKey();
        assertThat(exists(thumbnail)).isTrue();
        Upload broken = uploadAt("fam-over", photo.key(), "no longer a photo".getBytes());

        assertThat(deliver(message(broken)).getBatchItemFailures()).isEmpty();

        MediaItem item = item(photo);
        assertThat(item.source().eTag()).isEqualTo(broken.eTag());
        assertThat(item.rejectReason()).isEqualTo(RejectReason.NOT_MEDIA);
        assertThat(exists(thumbnail)).isFalse();
        assertThat(catalog.counts("fam-over", YearMonth.from(item.uploadedAt().atZone(java.time.ZoneOffset.UTC)))).isEqualTo(MaterialCount.NONE);
    }

    @Test
    void scoringLeavesNoTemporaryFiles() throws Exception {
        Upload upload = upload("fam-tmp", SampleMedia.portrait());

        deliver(message(upload));

        try (var left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("ichibyo-work-") || n.startsWith("original-"));
        }
    }
}
