package ichibyo.functions.score;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.catalog.StrayOriginal;
import ichibyo.core.media.WorkDirs;
import ichibyo.core.scoring.RejectReason;
import ichibyo.core.scoring.MediaRejectedException;
import ichibyo.core.scoring.MediaScorer;
import ichibyo.core.scoring.ScoredMedia;
import ichibyo.functions.Env;
import ichibyo.functions.Invocation;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.core.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * score-media: an SQS batch of S3 {@code ObjectCreated} events for {@code originals/}. Each object
 * is downloaded into a work folder of its own, scored ({@link MediaScorer}), its thumbnail (and a
 * video's poster) written under {@code derived/}, and one catalog item written. A file that cannot
 * be scored becomes a {@code REJECTED} item with its reason; only infrastructure failures (AWS
 * errors, a full disk) are returned in {@code batchItemFailures}, so SQS delivers just those
 * messages again (and after the queue's maxReceiveCount, to its dead-letter queue).
 *
 * <p>One item per original, every original visible: a media id belongs to one key whatever its
 * extension (a second key for it gets a {@code DUPLICATE_MEDIA_ID} item of its own, see
 * {@link StrayOriginal}), a name outside the strict form under a family's folder a {@code BAD_KEY}
 * item, and an object outside any family folder a log line and the {@code StrayObjects} metric.
 * Idempotency is per key: the same ETag under another key is another original.
 *
 * <p>An {@link OutOfMemoryError} or {@link StackOverflowError} while scoring one file rejects that
 * file ({@code SCORING_FAILED}) rather than failing its batch: the same file would fail the same way
 * on every delivery, hold up the files batched with it each time, and, once in the dead-letter
 * queue, be scored again by the reconciler that heals originals without an item. Its memory is
 * garbage once the scoring's stack has unwound, so the next record starts on a clean heap.
 * Configuration: {@code CATALOG_TABLE}; {@code SCORE_MEDIA_QUEUE_URL}, the queue a failed message is brought back
 * through after a backoff ({@link Redelivery}) instead of the queue's visibility timeout.
 */
public final class ScoreMediaHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** ichibyo's name of the function: its metrics' {@code function} dimension. */
    static final String FUNCTION = "score-media";
    private final S3Client s3;
    private final MediaCatalog catalog;
    private final MediaScorer scorer;
    private final Path workDir;
    private final Clock clock;
    private final Redelivery redelivery;
    private final AtomicLong strayObjects = new AtomicLong();

    /** On Lambda: clients and table from the environment; the model and ffmpeg are loaded once per container. */
    public ScoreMediaHandler() {
        this(System.getenv());
    }

    /** Clients and table from {@code env}, the function's environment (in-process locally, where the JVM's is not the function's). */
    public ScoreMediaHandler(java.util.Map<String, String> env) {
        this(AwsClients.fromEnvironment(env), Env.require(env, "CATALOG_TABLE"), warmedUp(MediaScorer.local()),
                Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC(), redelivery(env));
    }

    private static Redelivery redelivery(Map<String, String> env) {
        String queueUrl = env.get("SCORE_MEDIA_QUEUE_URL");
        return queueUrl == null || queueUrl.isBlank() ? Redelivery.afterVisibilityTimeout()
                : Redelivery.through(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), queueUrl);
    }

    private static MediaScorer warmedUp(MediaScorer scorer) {
        scorer.warmUp();
        return scorer;
    }

    private ScoreMediaHandler(AwsClients clients, String table, MediaScorer scorer, Path workDir, Clock clock, Redelivery redelivery) {
        this(clients.s3(), new MediaCatalog(clients.dynamoDb(), table), scorer, workDir, clock, redelivery);
    }

    /**
     * @param workDir where each record's work folder is made; folders that a killed process left there
     *                are removed now
     */
    public ScoreMediaHandler(S3Client s3, MediaCatalog catalog, MediaScorer scorer, Path workDir, Clock clock) {
        this(s3, catalog, scorer, workDir, clock, Redelivery.afterVisibilityTimeout());
    }

    /** As above; a message that fails comes back through {@code redelivery}. */
    ScoreMediaHandler(S3Client s3, MediaCatalog catalog, MediaScorer scorer, Path workDir, Clock clock, Redelivery redelivery) {
        this.redelivery = redelivery;
        this.s3 = s3;
        this.catalog = catalog;
        this.scorer = scorer;
        this.workDir = workDir;
        this.clock = clock;
        int swept = WorkDirs.sweepStale(workDir);
        if (swept > 0) {
            Log.info("removed the temporary files of processes that were killed", "count", swept, "dir", workDir.toString());
        }
    }

    /** Objects seen outside any family folder since this handler started (also logged as the {@code StrayObjects} metric). */
    public long strayObjects() {
        return strayObjects.get();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocation.run(context, null, null, () -> scoreAll(event));
    }

    private SQSBatchResponse scoreAll(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                for (S3ObjectEvent object : S3ObjectEvent.parse(message.getBody())) {
                    handle(object);
                }
            } catch (IOException e) {
                // A body that is not an S3 event will never become one: drop it, loudly.
                Log.error("not an S3 event; message dropped", "messageId", message.getMessageId(), "error", e);
            } catch (RuntimeException | Error e) {
                // An Error outside scoring itself (a missing native library, memory gone in an SDK call) is not
                // the file's fault: this message alone is retried, then goes to the dead-letter queue.
                Log.error("infrastructure failure; message will be retried", "messageId", message.getMessageId(), "error", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                redelivery.soon(message);
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Scores one object, unless the catalog already has this version or a newer one. */
    void handle(S3ObjectEvent object) {
        if (!object.isObjectCreated()) {
            return;
        }
        SourceObject source = new SourceObject(object.bucket(), object.key(), object.eTag(), object.versionId(), object.sequencer());
        OriginalKey key;
        try {
            key = OriginalKey.parse(object.key());
        } catch (OriginalKey.InvalidKeyException e) {
            Optional<StrayOriginal> stray = StrayOriginal.of(object.key());
            if (stray.isPresent()) {
                reject(stray.get(), source, object, RejectReason.BAD_KEY,
                        "the name is not {mediaId}.{ext} (1–64 of A-Z a-z 0-9 _ -, a lower-case extension): " + object.key());
            } else {
                countStray(object);
            }
            return;
        }
        Optional<MediaItem> existing = catalog.find(key.familyId(), key.mediaId());
        if (existing.isPresent() && existing.get().source() != null && !object.key().equals(existing.get().source().key())) {
            reject(StrayOriginal.duplicate(key), source, object, RejectReason.DUPLICATE_MEDIA_ID,
                    "media id " + key.mediaId() + " is already the original " + existing.get().source().key());
            return;
        }
        if (existing.isPresent() && source.isSupersededBy(existing.get().source())) {
            Log.info("already scored; duplicate or older event ignored", "key", object.key(), "eTag", object.eTag());
            return;
        }
        MediaItem item = score(key, source, object);
        if (item == null) {
            return;
        }
        if (!catalog.save(item, existing.orElse(null))) {
            // Another delivery wrote first; SQS brings this one back and the check above settles it.
            throw new IllegalStateException("the catalog item of " + object.key() + " changed while scoring");
        }
        existing.ifPresent(previous -> deleteStaleDerivatives(previous, item));
        Log.info("scored", "key", object.key(), "familyId", key.familyId(), "status", item.status(), "rejectReason", item.rejectReason(),
                "score", item.score(), "faces", item.faceCount());
        counted(item);
    }

    /** A newer version of an original replaced the item: derivatives the new one does not have are removed. */
    private void deleteStaleDerivatives(MediaItem previous, MediaItem item) {
        for (String stale : new String[] {previous.thumbnailKey(), previous.posterKey()}) {
            if (stale != null && !stale.equals(item.thumbnailKey()) && !stale.equals(item.posterKey())) {
                s3.deleteObject(d -> d.bucket(item.source().bucket()).key(stale));
                Log.info("stale derivative deleted", "key", stale, "original", item.source().key());
            }
        }
    }

    /** A REJECTED item of its own for an object that cannot have the family's item; never replaces one. */
    private void reject(StrayOriginal stray, SourceObject source, S3ObjectEvent object, RejectReason reason, String detail) {
        Optional<MediaItem> existing = catalog.find(stray.familyId(), stray.itemId());
        if (existing.isPresent() && !object.key().equals(existing.get().source() == null ? null : existing.get().source().key())) {
            countStray(object); // its name is another object's item id already
            return;
        }
        if (existing.isPresent() && source.isSupersededBy(existing.get().source())) {
            return;
        }
        MediaItem item = stray.rejected(source, reason, detail, object.eventTime(), clock.instant());
        if (!catalog.save(item, existing.orElse(null))) {
            throw new IllegalStateException("the catalog item of " + object.key() + " changed while rejecting it");
        }
        Log.warn("original rejected for its key", "key", object.key(), "rejectReason", reason, "itemId", stray.itemId());
        counted(item);
    }

    private void countStray(S3ObjectEvent object) {
        strayObjects.incrementAndGet();
        // upload-url never issues such a key and it has no family to be catalogued under.
        Log.warn("object outside originals/{familyId}/; no item", "bucket", object.bucket(), "key", object.key());
        Invocation.count(FUNCTION, "StrayObjects");
    }

    /** {@code MediaScored}, or {@code MediaRejected} with its {@code reason}. */
    private static void counted(MediaItem item) {
        if (item.rejectReason() == null) {
            Invocation.count(FUNCTION, "MediaScored");
        } else {
            Invocation.count(FUNCTION, "MediaRejected", "reason", String.valueOf(item.rejectReason()));
        }
    }

    private MediaItem score(OriginalKey key, SourceObject source, S3ObjectEvent object) {
        var uploadedAt = object.eventTime();
        if (object.size() >= 0) {
            // Known from the event: a file over the limit is never downloaded.
            try {
                scorer.limits().checkSize(object.size());
            } catch (MediaRejectedException e) {
                return MediaItem.rejected(key, source, e.rejectReason(), e.getMessage(), uploadedAt, clock.instant());
            }
        }
        // One folder per record, removed in finally; a killed process's is swept at the next start.
        Path work = WorkDirs.create(workDir, "score-media");
        try {
            Path file = work.resolve("original." + key.extension());
            try {
                // If-Match: score exactly the version of the event, not a later overwrite.
                s3.getObject(r -> {
                    r.bucket(object.bucket()).key(object.key());
                    if (object.eTag() != null) {
                        r.ifMatch(object.eTag());
                    }
                    if (object.versionId() != null) {
                        r.versionId(object.versionId());
                    }
                }, file);
            } catch (NoSuchKeyException e) {
                Log.warn("object deleted before scoring; ignored", "key", object.key());
                return null;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    Log.info("object overwritten since the event; the newer event scores it", "key", object.key());
                    return null;
                }
                throw e;
            }
            ScoredMedia scored;
            try {
                scored = scorer.score(file, uploadedAt, work);
            } catch (MediaRejectedException e) {
                return MediaItem.rejected(key, source, e.rejectReason(), e.getMessage(), uploadedAt, clock.instant());
            } catch (OutOfMemoryError | StackOverflowError e) {
                Log.error("scoring ran out of memory or stack; the file is rejected, not retried", "key", object.key(), "error", e);
                return MediaItem.rejected(key, source, RejectReason.SCORING_FAILED,
                        "scoring this file failed with " + e + " (a file built to exhaust the scorer)", uploadedAt, clock.instant());
            }
            s3.putObject(r -> r.bucket(object.bucket()).key(key.thumbnailKey()).contentType("image/jpeg"),
                    RequestBody.fromBytes(scored.thumbnail()));
            if (scored.poster() != null) {
                s3.putObject(r -> r.bucket(object.bucket()).key(key.posterKey()).contentType("image/jpeg"),
                        RequestBody.fromBytes(scored.poster()));
            }
            return MediaItem.scored(key, source, scored, uploadedAt, clock.instant());
        } finally {
            WorkDirs.delete(work);
        }
    }
}
