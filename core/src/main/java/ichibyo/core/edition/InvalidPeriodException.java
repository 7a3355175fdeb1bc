package ichibyo.core.edition;

/** A period name or value that is not a period (for example {@code 2026-Q5}): never retried. */
public final class InvalidPeriodException extends IllegalArgumentException {
    public InvalidPeriodException(String message) {
        super(message);
    }
}
