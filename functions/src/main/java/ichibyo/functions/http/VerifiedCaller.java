package ichibyo.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import ichibyo.core.family.access.Caller;
import ichibyo.core.family.access.NotAuthenticatedException;
import java.util.Map;

/**
 * The caller of an HTTP API request: the {@code sub} claim that the API's JWT authorizer verified and
 * put in the event ({@code requestContext.authorizer.jwt.claims}; locally the runtime does the same).
 * Never from the body or a header: those are the caller's own words. A request without verified claims
 * reached the function past no authorizer, and is refused (401), not served.
 */
public final class VerifiedCaller {
    public static final String SUBJECT_CLAIM = "sub";

    private VerifiedCaller() {}

    /** @throws RequestRejectedException 401 {@code Unauthenticated} when there is no usable verified subject */
    public static Caller of(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        try {
            return new Caller(claims == null ? null : claims.get(SUBJECT_CLAIM));
        } catch (NotAuthenticatedException e) {
            throw new RequestRejectedException(401, "Unauthenticated", "authorization", e.getMessage());
        }
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return null;
        }
        return context.getAuthorizer().getJwt().getClaims();
    }

    /** The authorizer's part of an event for {@code userId}: for priming and for tests that build events themselves. */
    public static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(String userId) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(Map.of(SUBJECT_CLAIM, userId));
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        return authorizer;
    }
}
