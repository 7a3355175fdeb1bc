package ichibyo.app;

import ichibyo.app.Function.SqsEventSource;
import ichibyo.app.Table.GlobalIndex;
import ichibyo.app.Table.Key;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * ichibyo's resources. Add a resource here and it exists both on AWS (the CDK app) and locally
 * (the local runtime); nowhere else.
 */
public final class Ichibyo {

    public static final String MEDIA_BUCKET = "ichibyo-media";
    public static final String CATALOG_TABLE = "media-catalog";
    public static final String SCORE_MEDIA_QUEUE = "score-media";
    public static final String SCORE_MEDIA_DLQ = "score-media-dlq";
    public static final String EVENT_BUS = "ichibyo-events";

    private Ichibyo() {}

    public static AppDescription app() {
        Duration scoreTimeout = Duration.ofMinutes(2);
        // The variables the handlers read (UploadUrlHandler, ScoreMediaHandler).
        Map<String, Ref> mediaEnv = Map.of(
                "MEDIA_BUCKET", Ref.bucketName(MEDIA_BUCKET),
                "CATALOG_TABLE", Ref.tableName(CATALOG_TABLE));
        return AppDescription.builder()
                .bucket(Bucket.of(MEDIA_BUCKET))
                .table(new Table(CATALOG_TABLE,
                        // Key design and access patterns: ichibyo.core.catalog.CatalogKeys (docs/catalog.md).
                        Key.string("pk"), Key.string("sk"),
                        List.of(new GlobalIndex("byMonth", Key.string("gsi1pk"), Key.string("gsi1sk")), // usable media, best first
                                new GlobalIndex("counts", Key.string("gsi2pk"), Key.string("gsi2sk"))), // per-family counts
                        null))
                // Lambda's advice: visibility timeout at least 6x the function timeout.
                .queue(new Queue(SCORE_MEDIA_QUEUE, scoreTimeout.multipliedBy(6), Duration.ofDays(4),
                        new Queue.DeadLetter(SCORE_MEDIA_DLQ, 5)))
                .queue(Queue.deadLetterQueue(SCORE_MEDIA_DLQ))
                .notification(new ObjectCreatedNotification(MEDIA_BUCKET, "originals/", "", SCORE_MEDIA_QUEUE))
                .function(new Function("upload-url", "ichibyo.functions.upload.UploadUrlHandler", 512,
                        Duration.ofSeconds(10), mediaEnv, List.of())
                        .withHttpRoute("POST", "/upload-url"))
                // Downloads the original (up to upload-url's 2 GiB) to /tmp: too big for SnapStart's 512 MB.
                .function(new Function("score-media", "ichibyo.functions.score.ScoreMediaHandler", 2048,
                        scoreTimeout, mediaEnv,
                        List.of(new SqsEventSource(SCORE_MEDIA_QUEUE, 10, Duration.ofSeconds(1), true)))
                        .withEphemeralStorage(4096).withFfmpeg())
                .eventBus(new EventBus(EVENT_BUS))
                .build();
    }
}
