package ichibyo.local.runtime.auth;

/** A bearer token that does not verify (signature, issuer, audience, lifetime, form): HTTP 401. */
public final class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message);
    }
}
