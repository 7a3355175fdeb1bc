package ichibyo.functions.encode;

import static ichibyo.functions.http.JsonResponse.response;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import ichibyo.core.Json;
import ichibyo.core.encode.Profile;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.encode.exceptions.EncodeException;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.aws.AwsFailures;
import ichibyo.functions.http.JsonRequest;
import ichibyo.functions.http.JsonResponse;
import ichibyo.functions.http.RequestRejectedException;
import ichibyo.functions.http.VerifiedCaller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code PUT /profiles/{id}} (HTTP API, payload 2.0) with one device profile (codec, size, frame rate, rate control, GOP,
 * preset, audio, container): stores it as the profile's next version and every profile set that holds it as the set's next
 * version ({@link ProfileStore#putProfile}), without a deploy. The next job that names such a set uses it; a running job
 * keeps the versions it pinned. Operators only. 200 with the stored profile and the sets' new versions; 400 naming the
 * rule broken ({@code InvalidRequest}, {@code InvalidProfile}, {@code ProfileIdMismatch}); 413 over
 * {@value #MAX_BODY_CHARS} characters; 409 when another writer took the version. Configuration: {@code ENCODE_PROFILES_TABLE}.
 */
public final class ProfilesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /** One profile is a few hundred characters. */
    static final int MAX_BODY_CHARS = 8 * 1024;

    public record Stored(Profile profile, List<SetVersion> profileSets) {}

    public record SetVersion(String name, int version) {}

    private final ProfileStore store;

    public ProfilesHandler() {
        this(System.getenv());
        Core.getGlobalContext().register(this);
    }

    public ProfilesHandler(Map<String, String> env) {
        this.store = new ProfileStore(AwsClients.fromEnvironment(env).dynamoDb(), Env.require(env, "ENCODE_PROFILES_TABLE"), ProfileCatalog.seeds());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            VerifiedCaller.operator(event); // profiles are the operators', never a family's
        } catch (RequestRejectedException e) {
            return JsonResponse.refused(e);
        }
        String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            return response(400, error("InvalidRequest", "the path names a profile id: 1–63 lower-case letters, digits and dashes"));
        }
        String body;
        try {
            // Bounded before it is decoded: a body over the limit is refused, not read.
            body = JsonRequest.text(event, MAX_BODY_CHARS);
        } catch (RequestRejectedException e) {
            return JsonResponse.refused(e);
        }
        Profile profile;
        try {
            Map<String, Object> fields = Json.mapper().readValue(body, Map.class);
            if (fields == null) {
                return response(400, error("InvalidRequest", "empty body: a profile as JSON"));
            }
            if (fields.containsKey("id") && !id.equals(fields.get("id"))) {
                return response(400, error("ProfileIdMismatch", "the body is profile " + fields.get("id") + ", the path " + id));
            }
            fields.put("id", id);
            fields.put("version", 1); // stands in for the one the store assigns
            profile = Json.mapper().convertValue(fields, Profile.class);
        } catch (JsonProcessingException e) {
            return response(400, error("InvalidRequest", "the body is not JSON: " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof EncodeException named) {
                    return response(400, error("InvalidProfile", named.getMessage()));
                }
            }
            String message = e.getCause() instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
            return response(400, error("InvalidProfile", message));
        }
        ProfileStore.ProfileChange change;
        try {
            change = store.putProfile(profile);
        } catch (ProfileSetChangedException e) {
            return response(409, error("ProfileChanged", e.getMessage()));
        } catch (EncodeException e) {
            return response(400, error("InvalidProfile", e.getMessage()));
        } catch (SdkException e) {
            throw AwsFailures.classify(e);
        }
        Log.info("profile stored", "id", change.profile().id(), "version", change.profile().version(), "sets", change.sets().size());
        return response(200, new Stored(change.profile(), change.sets().stream().map(s -> new SetVersion(s.name(), s.version())).toList()));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Profile seed = ProfileCatalog.seeds().set("preview").profiles().getFirst();
        Json.mapper().convertValue(Json.mapper().convertValue(seed, Map.class), Profile.class);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew
    }

    private static Map<String, String> error(String error, String message) {
        Log.warn("profile refused", "error", error, "detail", message);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }
}
