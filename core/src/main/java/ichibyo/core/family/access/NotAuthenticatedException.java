package ichibyo.core.family.access;

/** No caller can be named: no token, or one without a usable subject. HTTP 401. */
public final class NotAuthenticatedException extends RuntimeException {
    public NotAuthenticatedException(String message) {
        super(message);
    }
}
