package ichibyo.functions.score;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.scoring.MediaRejectedException;
import ichibyo.core.scoring.MediaScorer;
import ichibyo.core.scoring.ScoredMedia;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.catalog.MediaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * score-media: an SQS batch of S3 {@code ObjectCreated} events for {@code originals/}. Each object
 * is downloaded to /tmp, scored ({@link MediaScorer}), its thumbnail (and a video's poster) written
 * under {@code derived/}, and one catalog item written. A file that cannot be scored becomes a
 * {@code REJECTED} item with its reason; only infrastructure failures (AWS errors, a full disk)
 * are returned in {@code batchItemFailures}, so SQS delivers just those messages again.
 * Configuration: {@code CATALOG_TABLE}.
 */
public final class ScoreMediaHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final S3Client s3;
    private final MediaCatalog catalog;
    private final MediaScorer scorer;
    private final Path workDir;
    private final Clock clock;

    /** On Lambda: clients and table from the environment; the model and ffmpeg are loaded once per container. */
    public ScoreMediaHandler() {
        this(AwsClients.fromEnvironment(), Env.require("CATALOG_TABLE"), warmedUp(MediaScorer.local()),
                Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC());
    }

    private static MediaScorer warmedUp(MediaScorer scorer) {
        scorer.warmUp();
        return scorer;
    }

    private ScoreMediaHandler(AwsClients clients, String table, MediaScorer scorer, Path workDir, Clock clock) {
        this(clients.s3(), new MediaCatalog(clients.dynamoDb(), table), scorer, workDir, clock);
    }

    public ScoreMediaHandler(S3Client s3, MediaCatalog catalog, MediaScorer scorer, Path workDir, Clock clock) {
        this.s3 = s3;
        this.catalog = catalog;
        this.scorer = scorer;
        this.workDir = workDir;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                for (S3ObjectEvent object : S3ObjectEvent.parse(message.getBody())) {
                    handle(object);
                }
            } catch (IOException e) {
                // A body that is not an S3 event will never become one: drop it, loudly.
                Log.error("not an S3 event; message dropped", "messageId", message.getMessageId(), "error", e);
            } catch (RuntimeException e) {
                Log.error("infrastructure failure; message will be retried", "messageId", message.getMessageId(), "error", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Scores one object, unless the catalog already has this version or a newer one. */
    void handle(S3ObjectEvent object) {
        if (!object.isObjectCreated()) {
            return;
        }
        OriginalKey key;
        try {
            key = OriginalKey.parse(object.key());
        } catch (OriginalKey.InvalidKeyException e) {
            // upload-url never issues such a key: nothing to catalogue it under.
            Log.warn("object outside originals/{familyId}/{mediaId}.{ext}; ignored", "bucket", object.bucket(), "key", object.key());
            return;
        }
        SourceObject source = new SourceObject(object.bucket(), object.key(), object.eTag(), object.versionId(), object.sequencer());
        Optional<MediaItem> existing = catalog.find(key.familyId(), key.mediaId());
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
        Log.info("scored", "key", object.key(), "status", item.status(), "rejectReason", item.rejectReason(),
                "score", item.score(), "faces", item.faceCount());
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
        Path file = null;
        try {
            file = Files.createTempFile(workDir, "original-", "." + key.extension());
            Files.delete(file);
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
            try {
                ScoredMedia scored = scorer.score(file, uploadedAt);
                s3.putObject(r -> r.bucket(object.bucket()).key(key.thumbnailKey()).contentType("image/jpeg"),
                        RequestBody.fromBytes(scored.thumbnail()));
                if (scored.poster() != null) {
                    s3.putObject(r -> r.bucket(object.bucket()).key(key.posterKey()).contentType("image/jpeg"),
                            RequestBody.fromBytes(scored.poster()));
                }
                return MediaItem.scored(key, source, scored, uploadedAt, clock.instant());
            } catch (MediaRejectedException e) {
                return MediaItem.rejected(key, source, e.rejectReason(), e.getMessage(), uploadedAt, clock.instant());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    Log.warn("cannot delete a temporary file", "file", file.toString());
                }
            }
        }
    }
}
