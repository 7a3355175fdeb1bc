package ichibyo.functions.encode;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import ichibyo.core.Json;
import ichibyo.core.encode.EncodeJob;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.encode.exceptions.EncodeException;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.score.S3ObjectEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * master-arrived: an SQS batch of S3 {@code ObjectCreated} events for {@code masters/}. A master
 * {@code masters/{contentId}/{name}} starts its job with the profile set its upload names in the metadata
 * {@code x-amz-meta-profile-set}, else {@code ENCODE_DEFAULT_PROFILE_SET}, through the same {@link EncodeStarter} as
 * {@code POST /encodes}: the same deterministic execution name, so an upload and a request naming the same content and
 * set are one job, and a repeated event changes nothing. A key that is no master, an unknown set or a master already
 * gone is logged and dropped (it would fail the same way every time); only AWS failures return the message in
 * {@code batchItemFailures}, to be retried and then kept in the dead-letter queue. Configuration: {@code MEDIA_BUCKET},
 * {@code ENCODE_STATE_MACHINE}, {@code ENCODE_PROFILES_TABLE}, {@code ENCODE_DEFAULT_PROFILE_SET}.
 */
public final class MasterArrivedHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {
    /** The object metadata (x-amz-meta-…) through which an upload names its profile set. */
    public static final String PROFILE_SET_METADATA = "profile-set";

    private final S3Client s3;
    private final EncodeStarter starter;
    private final String defaultSet;

    public MasterArrivedHandler() {
        this(System.getenv());
        Core.getGlobalContext().register(this);
    }

    public MasterArrivedHandler(Map<String, String> env) {
        this.s3 = AwsClients.fromEnvironment(env).s3();
        this.starter = StartEncodeHandler.starter(env);
        this.defaultSet = env.getOrDefault("ENCODE_DEFAULT_PROFILE_SET", ProfileCatalog.DEFAULT_SET);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                for (S3ObjectEvent object : S3ObjectEvent.parse(message.getBody())) {
                    arrived(object);
                }
            } catch (IOException e) {
                Log.error("not an S3 event; message dropped", "messageId", message.getMessageId(), "error", e);
            } catch (RuntimeException e) {
                Log.error("master not started; message will be retried", "messageId", message.getMessageId(), "error", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void arrived(S3ObjectEvent object) {
        if (!object.isObjectCreated()) {
            return;
        }
        Optional<String> contentId = EncodeJob.contentIdOf(object.key());
        if (contentId.isEmpty()) {
            Log.warn("not a master (masters/{contentId}/{name}); ignored", "key", object.key());
            return;
        }
        Optional<String> set = profileSet(object);
        if (set.isEmpty()) {
            Log.warn("master gone before its job started; ignored", "key", object.key());
            return;
        }
        try {
            StartEncodeHandler.StartedJob job = starter.start(contentId.get(), set.get(), object.key(), null);
            Log.info(job.started() ? "encode started for an arrived master" : "encode already started", "jobId", job.jobId(),
                    "masterKey", object.key());
        } catch (EncodeException | MasterNotFoundException e) {
            Log.error("master not started: " + e.getMessage(), "key", object.key(), "profileSet", set.get(), "error", e);
        }
    }

    /** The set the upload names, or the default; empty when the object is gone. */
    private Optional<String> profileSet(S3ObjectEvent object) {
        try {
            String named = s3.headObject(h -> h.bucket(object.bucket()).key(object.key())).metadata().get(PROFILE_SET_METADATA);
            return Optional.of(named == null || named.isBlank() ? defaultSet : named.strip());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws Exception {
        S3ObjectEvent.parse("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"2026-01-01T00:00:00Z\","
                + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"masters/c/m.mp4\",\"size\":1}}}]}");
        Json.mapper().writeValueAsString(Map.of("contentId", "c", "profileSet", defaultSet, "masterKey", "masters/c/m.mp4"));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew
    }
}
