package ichibyo.core.encode.exceptions;

/** A job names a profile set (or a profile) that does not exist. */
public final class UnknownProfileSetException extends EncodeException {
    public UnknownProfileSetException(String message) {
        super(message);
    }
}
