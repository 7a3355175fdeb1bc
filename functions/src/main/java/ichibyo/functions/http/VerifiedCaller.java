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
    /** Cognito's groups claim; API Gateway passes an array claim as one string, {@code [a b]}. */
    public static final String GROUPS_CLAIM = "cognito:groups";

    private VerifiedCaller() {}

    /** @throws RequestRejectedException 401 {@code Unauthenticated} when there is no usable verified subject */
    public static Caller of(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        try {
            return new Caller(claims == null ? null : claims.get(SUBJECT_CLAIM), groups(claims == null ? null : claims.get(GROUPS_CLAIM)));
        } catch (NotAuthenticatedException e) {
            throw new RequestRejectedException(401, "Unauthenticated", "authorization", e.getMessage());
        }
    }

    /**
     * An operators' route: the verified caller, who must be in the operators group.
     *
     * @throws RequestRejectedException 401 without a verified subject, 403 {@code NotAnOperator} outside the group
     */
    public static Caller operator(APIGatewayV2HTTPEvent event) {
        Caller caller = of(event);
        try {
            return caller.requireOperator();
        } catch (ichibyo.core.family.access.NotAnOperatorException e) {
            throw new RequestRejectedException(403, "NotAnOperator", "authorization", e.getMessage());
        }
    }

    /** {@code [operators admins]} (API Gateway's form of an array claim), or one bare name. */
    static java.util.Set<String> groups(String claim) {
        if (claim == null || claim.length() > 4096) {
            return java.util.Set.of();
        }
        String names = claim.strip();
        if (names.startsWith("[") && names.endsWith("]")) {
            names = names.substring(1, names.length() - 1);
        }
        return java.util.Arrays.stream(names.split("[\\s,]+")).filter(n -> !n.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
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
