package ichibyo.functions.upload;

import static ichibyo.functions.http.JsonResponse.response;

import com.amazonaws.services.lambda.runtime.Context;
import org.crac.Core;
import org.crac.Resource;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.family.access.Caller;
import ichibyo.core.family.access.FamilyAccess;
import ichibyo.core.family.access.Membership;
import ichibyo.core.family.access.NotAFamilyMemberException;
import ichibyo.core.family.access.Role;
import ichibyo.functions.Env;
import ichibyo.functions.Invocation;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.family.Memberships;
import ichibyo.functions.http.JsonRequest;
import ichibyo.functions.http.RequestRejectedException;
import ichibyo.functions.http.VerifiedCaller;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * upload-url: a presigned PUT for {@code originals/{familyId}/{mediaId}.{ext}} (HTTP API, payload
 * 2.0). The content type and the exact length are signed, so the upload can be neither another
 * type nor longer than declared. The request is read strictly ({@link JsonRequest}: each refusal names
 * its field). Only a member of the family gets a URL for it: the caller is the token's verified
 * {@code sub} ({@link VerifiedCaller}; 401 without one), its membership is read from the memberships
 * table, and anyone else gets 403 {@code NotAFamilyMember} with nothing presigned, read or written
 * ({@link FamilyAccess}). A media id is one original per family whatever its extension: when the catalog
 * already has the id under another key the answer is 409 {@code DuplicateMediaId}. Configuration:
 * {@code MEDIA_BUCKET}, {@code CATALOG_TABLE}, {@code MEMBERSHIPS_TABLE}, {@code UPLOAD_MAX_BYTES}
 * (default 2 GiB), {@code UPLOAD_URL_TTL_SECONDS} (default 900).
 *
 * <p>On Lambda it runs with SnapStart: before the snapshot it primes the presigner and Jackson
 * ({@link #beforeCheckpoint}), so that a restored function answers its first request warm.
 */
public final class UploadUrlHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /** Four short fields: a body of more than this is not an upload-url request. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("familyId", "mediaId", "contentType", "contentLength");

    private final S3Presigner presigner;
    private final MediaCatalog catalog;
    private final Memberships memberships;
    private final String bucket;
    private final long maxBytes;
    private final Duration ttl;

    /** On Lambda: everything from the environment. */
    public UploadUrlHandler() {
        this(System.getenv());
    }

    /** Everything from {@code env}, the function's environment (in-process locally, where the JVM's is not the function's). */
    public UploadUrlHandler(java.util.Map<String, String> env) {
        this(AwsClients.fromEnvironment(env), Env.require(env, "MEDIA_BUCKET"), Env.require(env, "CATALOG_TABLE"), Env.require(env, "MEMBERSHIPS_TABLE"),
                Long.parseLong(Env.or(env, "UPLOAD_MAX_BYTES", String.valueOf(2L * 1024 * 1024 * 1024))),
                Duration.ofSeconds(Long.parseLong(Env.or(env, "UPLOAD_URL_TTL_SECONDS", "900"))));
        Core.getGlobalContext().register(this);
    }

    private UploadUrlHandler(AwsClients clients, String bucket, String table, String membershipsTable, long maxBytes, Duration ttl) {
        this(clients.presigner(), new MediaCatalog(clients.dynamoDb(), table), new Memberships(clients.dynamoDb(), membershipsTable),
                bucket, maxBytes, ttl);
    }

    public UploadUrlHandler(S3Presigner presigner, MediaCatalog catalog, Memberships memberships, String bucket, long maxBytes,
            Duration ttl) {
        this.presigner = presigner;
        this.catalog = catalog;
        this.memberships = memberships;
        this.bucket = bucket;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, null, null, () -> issue(event, false));
    }

    /** @param priming no reads of the tables: nothing from a network call goes into the snapshot */
    private APIGatewayV2HTTPResponse issue(APIGatewayV2HTTPEvent event, boolean priming) {
        OriginalKey key;
        long contentLength;
        String contentType;
        Caller caller;
        try {
            caller = VerifiedCaller.of(event);
            JsonRequest request = JsonRequest.read(event, MAX_BODY_BYTES, FIELDS);
            String familyId = request.requiredString("familyId");
            String mediaId = request.requiredString("mediaId");
            contentType = request.requiredString("contentType").toLowerCase(java.util.Locale.ROOT).trim();
            contentLength = request.requiredInteger("contentLength");
            key = key(familyId, mediaId, contentType);
            if (contentLength <= 0) {
                throw new RequestRejectedException(400, "InvalidContentLength", "contentLength",
                        "contentLength must be a positive number of bytes");
            }
            if (contentLength > maxBytes) {
                throw new RequestRejectedException(413, "TooLarge", "contentLength",
                        "contentLength is over the limit of " + maxBytes + " bytes");
            }
            // The family is the caller's claim until a membership says so; before anything is read or presigned for it.
            FamilyAccess.requireMember(caller, key.familyId(), priming
                    ? Optional.of(new Membership(caller.userId(), key.familyId(), Role.MEMBER))
                    : memberships.find(caller.userId(), key.familyId()));
            if (!priming) {
                requireNoOtherOriginal(key);
            }
        } catch (RequestRejectedException e) {
            return error(e.status(), e.error(), e.field(), e.getMessage());
        } catch (NotAFamilyMemberException e) {
            return error(403, "NotAFamilyMember", "familyId", e.getMessage());
        }
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p
                .signatureDuration(ttl)
                .putObjectRequest(PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key.key())
                        .contentType(contentType)
                        .contentLength(contentLength)
                        .build()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", String.valueOf(contentLength));
        UploadUrl body = new UploadUrl(presigned.url().toString(), "PUT", key.key(), headers, presigned.expiration());
        Log.info("upload url issued", "familyId", key.familyId(), "userId", caller.userId(), "mediaId", key.mediaId(), "contentType", contentType,
                "contentLength", contentLength);
        return response(200, body);
    }

    private static OriginalKey key(String familyId, String mediaId, String contentType) {
        try {
            return OriginalKey.forUpload(familyId, mediaId, contentType);
        } catch (OriginalKey.InvalidKeyException e) {
            boolean type = e.field().equals("contentType");
            throw new RequestRejectedException(400, type ? "UnsupportedContentType" : "InvalidId", e.field(), e.getMessage());
        }
    }

    /**
     * One original per media id: {@code twin.jpg} then {@code twin.mp4} would replace the first item and
     * orphan its original. The same key again (a retry, or a deliberate overwrite) is allowed.
     */
    private void requireNoOtherOriginal(OriginalKey key) {
        Optional<MediaItem> existing = catalog.find(key.familyId(), key.mediaId());
        if (existing.isPresent() && existing.get().source() != null && !key.key().equals(existing.get().source().key())) {
            throw new RequestRejectedException(409, "DuplicateMediaId", "mediaId", "mediaId " + key.mediaId()
                    + " is already the original " + existing.get().source().key() + "; choose another mediaId");
        }
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
        APIGatewayV2HTTPEvent.RequestContext verified = new APIGatewayV2HTTPEvent.RequestContext();
        verified.setAuthorizer(VerifiedCaller.authorizer("priming"));
        priming.setRequestContext(verified);
        issue(priming, true);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: clients read credentials per request
    }

    private static APIGatewayV2HTTPResponse error(int status, String error, String field, String message) {
        Log.warn("upload url refused", "error", error, "field", field, "detail", message);
        return response(status, Map.of("error", error, "field", field, "message", message));
    }

}
