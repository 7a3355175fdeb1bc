package ichibyo.core.edition;

/** An editions document that cannot be read or breaks a rule: the override is refused as a whole. */
public final class InvalidEditionsException extends IllegalArgumentException {
    public InvalidEditionsException(String message) {
        super(message);
    }

    public InvalidEditionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
