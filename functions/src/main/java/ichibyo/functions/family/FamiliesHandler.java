package ichibyo.functions.family;

import static ichibyo.functions.http.JsonResponse.response;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import ichibyo.core.Json;
import ichibyo.core.family.Family;
import ichibyo.core.family.InvalidFamilyException;
import ichibyo.core.family.access.Caller;
import ichibyo.core.family.access.FamilyAccess;
import ichibyo.core.family.access.Membership;
import ichibyo.core.family.access.NotAFamilyMemberException;
import ichibyo.functions.Env;
import ichibyo.functions.Invocation;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.aws.AwsFailures;
import ichibyo.functions.http.RequestRejectedException;
import ichibyo.functions.http.VerifiedCaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.crac.Core;
import org.crac.Resource;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code POST /families} (HTTP API, payload 2.0): creates or updates a family's profile, validated by
 * core's {@link Family} (a display name in any script: {@code 田中家}, {@code The Smiths}). 201 with the
 * family when it is new, 200 when it replaced the profile before; 400 naming the field for bad input.
 * The caller (the token's verified {@code sub}, {@link VerifiedCaller}; 401 without one) who creates a
 * family becomes its owner, in the same transaction as the profile ({@link Memberships#createFamily});
 * only a member may update it: anyone else gets 403 {@code NotAFamilyMember} and nothing changes
 * ({@link FamilyAccess}). Configuration: {@code FAMILIES_TABLE}, {@code MEMBERSHIPS_TABLE}.
 */
public final class FamiliesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final FamilyDirectory directory;
    private final Memberships memberships;
    private final Clock clock;

    /** On Lambda: everything from the environment. */
    public FamiliesHandler() {
        this(System.getenv());
        Core.getGlobalContext().register(this);
    }

    /** With a function's environment (the local runtime's in-process handlers get theirs this way). */
    public FamiliesHandler(Map<String, String> env) {
        this(AwsClients.fromEnvironment(env), env);
    }

    private FamiliesHandler(AwsClients clients, Map<String, String> env) {
        this(new FamilyDirectory(clients.dynamoDb(), Env.require(env, "FAMILIES_TABLE")),
                new Memberships(clients.dynamoDb(), Env.require(env, "MEMBERSHIPS_TABLE")), Clock.systemUTC());
    }

    public FamiliesHandler(FamilyDirectory directory, Memberships memberships, Clock clock) {
        this.directory = directory;
        this.memberships = memberships;
        this.clock = clock;
    }

    /** The body of the request: a family's fields; {@code premium} and {@code optedOut} default to false. */
    record FamilyRequest(String familyId, String displayName, Boolean premium, String timeZone, Boolean optedOut, String language) {}

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, null, null, () -> put(event));
    }

    private APIGatewayV2HTTPResponse put(APIGatewayV2HTTPEvent event) {
        Request parsed = parse(event);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        Caller caller = parsed.caller();
        Family family = parsed.family();
        boolean created;
        try {
            created = switch (FamilyAccess.profileWrite(caller, family.familyId(), memberships.find(caller.userId(), family.familyId()))) {
                case UPDATE -> directory.put(family, clock.instant());
                case CREATE_AS_OWNER -> {
                    // Fails, writing nothing, when the family exists: then it is someone else's.
                    if (!memberships.createFamily(directory, family, Membership.owner(caller, family.familyId()), clock.instant())) {
                        throw FamilyAccess.refuse(caller, family.familyId());
                    }
                    yield true;
                }
            };
        } catch (SdkException e) {
            throw AwsFailures.classify(e);
        } catch (NotAFamilyMemberException e) {
            return error(403, "NotAFamilyMember", "familyId", e.getMessage());
        }
        Log.info(created ? "family created" : "family updated", "familyId", family.familyId(), "userId", caller.userId(),
                "premium", family.premium());
        return response(created ? 201 : 200, family);
    }

    /** A request read: the caller and the family, or the answer that refuses it. */
    private record Request(Caller caller, Family family, APIGatewayV2HTTPResponse refusal) {
        static Request refused(APIGatewayV2HTTPResponse refusal) {
            return new Request(null, null, refusal);
        }
    }

    /** The caller, the body and the family it describes, validated; no table is read. */
    private static Request parse(APIGatewayV2HTTPEvent event) {
        Caller caller;
        try {
            caller = VerifiedCaller.of(event);
        } catch (RequestRejectedException e) {
            return Request.refused(error(e.status(), e.error(), e.field(), e.getMessage()));
        }
        String body = event.getBody() == null ? "" : event.getBody();
        if (event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        FamilyRequest request;
        try {
            request = Json.mapper().readValue(body, FamilyRequest.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(f -> f != null).collect(Collectors.joining("."));
            return Request.refused(field.isEmpty()
                    ? error(400, "InvalidRequest", "body", "the body must be a JSON object with familyId, displayName, premium, timeZone, optedOut, language")
                    : error(400, "InvalidFamily", field, "family " + field + " has the wrong type: " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            return Request.refused(error(400, "InvalidRequest", "body", "the body is not JSON: " + e.getOriginalMessage()));
        }
        if (request == null) {
            return Request.refused(error(400, "InvalidRequest", "body", "empty body"));
        }
        try {
            return new Request(caller, new Family(request.familyId(), request.displayName(), Boolean.TRUE.equals(request.premium()),
                    request.timeZone(), Boolean.TRUE.equals(request.optedOut()), request.language()), null);
        } catch (InvalidFamilyException e) {
            return Request.refused(error(400, "InvalidFamily", e.field(), e.getMessage()));
        }
    }

    /**
     * SnapStart: the sample request of events/ read, its caller and family validated, the answer written; no
     * table is read or written, so nothing of a network call or of a family goes into the snapshot.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        try (var in = FamiliesHandler.class.getResourceAsStream("/events/families-request.json")) {
            if (in == null) {
                throw new IllegalStateException("the sample event events/families-request.json is not packaged");
            }
            Request primed = parse(Json.mapper().readValue(in, APIGatewayV2HTTPEvent.class));
            if (primed.refusal() != null) {
                throw new IllegalStateException("the sample families request is refused: " + primed.refusal().getBody());
            }
            response(200, primed.family());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK client reads credentials per request
    }

    private static APIGatewayV2HTTPResponse error(int status, String error, String field, String message) {
        Log.warn("family refused", "error", error, "field", field, "detail", message);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("field", field);
        body.put("message", message);
        return response(status, body);
    }

}
