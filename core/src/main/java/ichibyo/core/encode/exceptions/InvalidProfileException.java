package ichibyo.core.encode.exceptions;

/** A device profile that breaks a rule (no id, a GOP of no length, a rate control without its numbers). */
public final class InvalidProfileException extends EncodeException {
    public InvalidProfileException(String message) {
        super(message);
    }
}
