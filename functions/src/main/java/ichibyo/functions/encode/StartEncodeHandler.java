package ichibyo.functions.encode;

import static ichibyo.functions.http.JsonResponse.response;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.ChunkLimits;
import ichibyo.core.encode.EncodeJob;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.encode.exceptions.EncodeException;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.aws.AwsFailures;
import ichibyo.functions.http.JsonRequest;
import ichibyo.functions.http.RequestRejectedException;
import ichibyo.functions.http.VerifiedCaller;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code POST /encodes} (HTTP API, payload 2.0) {@code {contentId, profileSet, masterKey?, chunkLimits?}}: starts the
 * encode workflow for the content's master with the profile set's current version, under the job's deterministic
 * execution name ({@link EncodeJob#jobId()}), so the same content and set version started twice is one job. 202 with
 * the job when it started it, 200 with the same job when it was started before; 400 naming the field for bad input,
 * 404 when there is no master. Configuration: {@code MEDIA_BUCKET}, {@code ENCODE_STATE_MACHINE} (its ARN),
 * {@code ENCODE_PROFILES_TABLE}.
 */
public final class StartEncodeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /** Bodies are a few fields: anything longer is refused before it is parsed. */
    static final int MAX_BODY_CHARS = 4096;

    private final EncodeStarter starter;

    record StartRequest(String contentId, String profileSet, String masterKey, ChunkLimits chunkLimits) {}

    /** The job, and the execution that runs it. */
    public record StartedJob(String jobId, String executionArn, boolean started, String deliveryPrefix, String masterKey) {}

    public StartEncodeHandler() {
        this(System.getenv());
        Core.getGlobalContext().register(this);
    }

    public StartEncodeHandler(Map<String, String> env) {
        this.starter = starter(env);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            VerifiedCaller.operator(event); // encodes are the operators', never a family's
        } catch (RequestRejectedException e) {
            return error(e.status(), e.error(), e.field(), e.getMessage());
        }
        String body;
        try {
            // Bounded before it is decoded: a body over the limit is refused, not read.
            body = JsonRequest.text(event, MAX_BODY_CHARS);
        } catch (RequestRejectedException e) {
            return error(e.status(), e.error(), e.field(), e.getMessage());
        }
        StartRequest request;
        try {
            request = Json.mapper().readValue(body, StartRequest.class);
        } catch (JsonProcessingException e) {
            return error(400, "InvalidRequest", "body", "the body must be JSON with contentId and profileSet: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return error(400, "InvalidRequest", "chunkLimits", e.getMessage());
        }
        if (request == null || request.contentId() == null) {
            return error(400, "InvalidRequest", "contentId", "an encode names a contentId");
        }
        if (request.profileSet() == null) {
            return error(400, "InvalidRequest", "profileSet", "an encode names a profileSet");
        }
        StartedJob job;
        try {
            job = starter.start(request.contentId(), request.profileSet(), request.masterKey(), request.chunkLimits());
        } catch (EncodeException e) {
            String field = e.getMessage().contains("profile set") ? "profileSet" : e.getMessage().contains("masterKey") ? "masterKey" : "contentId";
            return error(400, e.getClass().getSimpleName().replace("Exception", ""), field, e.getMessage());
        } catch (MasterNotFoundException e) {
            return error(404, "MasterNotFound", "contentId", e.getMessage());
        } catch (SdkException e) {
            throw AwsFailures.classify(e);
        }
        Log.info(job.started() ? "encode started" : "encode already started", "jobId", job.jobId(), "masterKey", job.masterKey());
        return response(job.started() ? 202 : 200, job);
    }

    /** The starter the configuration names: {@code MEDIA_BUCKET}, {@code ENCODE_STATE_MACHINE}, {@code ENCODE_PROFILES_TABLE}. */
    static EncodeStarter starter(Map<String, String> env) {
        AwsClients aws = AwsClients.fromEnvironment(env);
        return new EncodeStarter(new EncodeStorage(aws.s3(), aws.presigner(), Env.require(env, "MEDIA_BUCKET")),
                new ProfileStore(aws.dynamoDb(), Env.require(env, "ENCODE_PROFILES_TABLE"), ProfileCatalog.seeds()),
                SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), Env.require(env, "ENCODE_STATE_MACHINE"));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws Exception {
        Json.mapper().readValue("{\"contentId\":\"c\",\"profileSet\":\"preview\"}", StartRequest.class);
        Json.mapper().writeValueAsString(new StartedJob("j", "arn", true, "deliveries/c/p/", "masters/c/m.mp4"));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew
    }

    private static APIGatewayV2HTTPResponse error(int status, String error, String field, String message) {
        Log.warn("encode refused", "error", error, "field", field, "detail", message);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("field", field);
        body.put("message", message);
        return response(status, body);
    }

}
