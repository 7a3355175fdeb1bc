package ichibyo.functions.upload;

import com.amazonaws.services.lambda.runtime.Context;
import org.crac.Core;
import org.crac.Resource;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * upload-url: a presigned PUT for {@code originals/{familyId}/{mediaId}.{ext}} (HTTP API, payload
 * 2.0). The content type and the exact length are signed, so the upload can be neither another
 * type nor longer than declared. Configuration: {@code MEDIA_BUCKET}, {@code UPLOAD_MAX_BYTES}
 * (default 2 GiB), {@code UPLOAD_URL_TTL_SECONDS} (default 900).
 *
 * <p>On Lambda it runs with SnapStart: before the snapshot it primes the presigner and Jackson
 * ({@link #beforeCheckpoint}), so that a restored function answers its first request warm.
 */
public final class UploadUrlHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final S3Presigner presigner;
    private final String bucket;
    private final long maxBytes;
    private final Duration ttl;

    /** On Lambda: everything from the environment. */
    public UploadUrlHandler() {
        this(AwsClients.fromEnvironment().presigner(), Env.require("MEDIA_BUCKET"),
                Long.parseLong(Env.or("UPLOAD_MAX_BYTES", String.valueOf(2L * 1024 * 1024 * 1024))),
                Duration.ofSeconds(Long.parseLong(Env.or("UPLOAD_URL_TTL_SECONDS", "900"))));
        Core.getGlobalContext().register(this);
    }

    public UploadUrlHandler(S3Presigner presigner, String bucket, long maxBytes, Duration ttl) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        UploadRequest request;
        try {
            request = Json.mapper().readValue(event.getBody() == null ? "" : event.getBody(), UploadRequest.class);
        } catch (JsonProcessingException e) {
            return error(400, "InvalidRequest", "body", "the body must be JSON with familyId, mediaId, contentType, contentLength");
        }
        if (request == null) {
            return error(400, "InvalidRequest", "body", "empty body");
        }
        OriginalKey key;
        try {
            key = OriginalKey.forUpload(request.familyId(), request.mediaId(), request.contentType());
        } catch (OriginalKey.InvalidKeyException e) {
            return error(400, request.contentType() != null && e.field().equals("contentType") ? "UnsupportedContentType" : "InvalidId",
                    e.field(), e.getMessage());
        }
        if (request.contentLength() == null || request.contentLength() <= 0) {
            return error(400, "InvalidContentLength", "contentLength", "contentLength must be a positive number of bytes");
        }
        if (request.contentLength() > maxBytes) {
            return error(413, "TooLarge", "contentLength", "contentLength is over the limit of " + maxBytes + " bytes");
        }
        String contentType = request.contentType().toLowerCase(java.util.Locale.ROOT).trim();
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p
                .signatureDuration(ttl)
                .putObjectRequest(PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key.key())
                        .contentType(contentType)
                        .contentLength(request.contentLength())
                        .build()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", String.valueOf(request.contentLength()));
        UploadUrl body = new UploadUrl(presigned.url().toString(), "PUT", key.key(), headers, presigned.expiration());
        Log.info("upload url issued", "familyId", key.familyId(), "mediaId", key.mediaId(), "contentType", contentType,
                "contentLength", request.contentLength());
        return response(200, body);
    }

    /**
     * SnapStart: one request through the whole path (JSON in, a presigned URL, JSON out) loads and
     * links the classes a first request needs. Presigning is local (no call to S3); nothing of it is
     * kept, so nothing unique (signatures, times) goes into the snapshot.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        APIGatewayV2HTTPEvent priming = new APIGatewayV2HTTPEvent();
        priming.setBody("{\"familyId\":\"priming\",\"mediaId\":\"priming\",\"contentType\":\"image/jpeg\",\"contentLength\":1}");
        handleRequest(priming, null);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: clients read credentials per request
    }

    private static APIGatewayV2HTTPResponse error(int status, String error, String field, String message) {
        Log.warn("upload url refused", "error", error, "field", field, "detail", message);
        return response(status, Map.of("error", error, "field", field, "message", message));
    }

    private static APIGatewayV2HTTPResponse response(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(Json.mapper().writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
