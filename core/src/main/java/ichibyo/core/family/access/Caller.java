package ichibyo.core.family.access;

/**
 * The user a request comes from: the {@code sub} claim of a token that the HTTP API verified (on AWS
 * its JWT authorizer, locally the runtime). Cognito's are UUIDs; any OIDC issuer's are at most 255
 * printable ASCII characters (OpenID Connect Core, 2).
 */
public record Caller(String userId, java.util.Set<String> groups) {
    public static final int MAX_USER_ID_LENGTH = 255;
    /** The group (Cognito's {@code cognito:groups}) of the people who run ichibyo: encodes and profile sets are theirs. */
    public static final String OPERATORS = "operators";

    /** A caller in no group: a family's member. */
    public Caller(String userId) {
        this(userId, java.util.Set.of());
    }

    /** @throws NotAnOperatorException unless the caller is in the {@value #OPERATORS} group */
    public Caller requireOperator() {
        if (!groups.contains(OPERATORS)) {
            throw new NotAnOperatorException(this);
        }
        return this;
    }

    public Caller {
        groups = groups == null ? java.util.Set.of() : java.util.Set.copyOf(groups);
        if (userId == null || userId.isEmpty()) {
            throw new NotAuthenticatedException("the request carries no verified subject (sub claim)");
        }
        if (userId.length() > MAX_USER_ID_LENGTH || !userId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new NotAuthenticatedException("the token's subject is not 1–" + MAX_USER_ID_LENGTH + " printable ASCII characters");
        }
    }
}
