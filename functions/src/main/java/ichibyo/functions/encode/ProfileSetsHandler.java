package ichibyo.functions.encode;

import static ichibyo.functions.http.JsonResponse.response;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import ichibyo.core.Json;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.encode.ProfileSet;
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
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code PUT /profile-sets} (HTTP API, payload 2.0) with a profile set ({@code name, description, profiles}): stores it
 * as the set's next version ({@link ProfileStore}), used by the next job that names it; a running job keeps the version
 * it pinned. 200 with the stored set; 400 naming the rule a profile breaks; 409 when another writer took the version.
 * Configuration: {@code ENCODE_PROFILES_TABLE}.
 */
public final class ProfileSetsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /** A ladder of 20 profiles is a few kilobytes. */
    static final int MAX_BODY_CHARS = 64 * 1024;

    private final ProfileStore store;

    public ProfileSetsHandler() {
        this(System.getenv());
        Core.getGlobalContext().register(this);
    }

    public ProfileSetsHandler(Map<String, String> env) {
        this.store = new ProfileStore(AwsClients.fromEnvironment(env).dynamoDb(), Env.require(env, "ENCODE_PROFILES_TABLE"), ProfileCatalog.seeds());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            VerifiedCaller.operator(event); // encodes are the operators', never a family's
        } catch (RequestRejectedException e) {
            return JsonResponse.refused(e);
        }
        String body;
        try {
            // Bounded before it is decoded: a body over the limit is refused, not read.
            body = JsonRequest.text(event, MAX_BODY_CHARS);
        } catch (RequestRejectedException e) {
            return JsonResponse.refused(e);
        }
        ProfileSet set;
        try {
            // Version 1 stands in for the one the store assigns.
            Map<String, Object> fields = Json.mapper().readValue(body, Map.class);
            if (fields == null) {
                return response(400, error("InvalidRequest", "empty body"));
            }
            fields.put("version", 1);
            set = Json.mapper().convertValue(fields, ProfileSet.class);
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
        ProfileSet stored;
        try {
            stored = store.put(set);
        } catch (ProfileSetChangedException e) {
            return response(409, error("ProfileSetChanged", e.getMessage()));
        } catch (SdkException e) {
            throw AwsFailures.classify(e);
        }
        Log.info("profile set stored", "name", stored.name(), "version", stored.version(), "profiles", stored.profiles().size());
        return response(200, stored);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Json.mapper().convertValue(Json.mapper().convertValue(ProfileCatalog.seeds().set("preview"), Map.class), ProfileSet.class);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew
    }

    private static Map<String, String> error(String error, String message) {
        Log.warn("profile set refused", "error", error, "detail", message);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }

}
