package ichibyo.functions;

/**
 * A failure that trying again may fix: throttling, a timeout, a service's 5xx, a connection that
 * dropped. The state machines retry this error name with backoff (and catch everything else as the
 * family's failure), so a handler throws it for exactly those.
 */
public final class TransientFailureException extends RuntimeException {
    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientFailureException(String message) {
        super(message);
    }
}
