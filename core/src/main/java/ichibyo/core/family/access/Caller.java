package ichibyo.core.family.access;

/**
 * The user a request comes from: the {@code sub} claim of a token that the HTTP API verified (on AWS
 * its JWT authorizer, locally the runtime). Cognito's are UUIDs; any OIDC issuer's are at most 255
 * printable ASCII characters (OpenID Connect Core, 2).
 */
public record Caller(String userId) {
    public static final int MAX_USER_ID_LENGTH = 255;

    public Caller {
        if (userId == null || userId.isEmpty()) {
            throw new NotAuthenticatedException("the request carries no verified subject (sub claim)");
        }
        if (userId.length() > MAX_USER_ID_LENGTH || !userId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new NotAuthenticatedException("the token's subject is not 1–" + MAX_USER_ID_LENGTH + " printable ASCII characters");
        }
    }
}
