package ichibyo.core.media.exceptions;

/**
 * A media file that cannot be used, whatever the number of retries: the base of the named media
 * errors, so a caller can reject the file (status {@code REJECTED} with a reason) instead of retrying.
 */
public abstract class MediaException extends RuntimeException {
    protected MediaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short reason for a catalog item or a state machine error, e.g. {@code "UnsupportedMedia"}. */
    public abstract String reason();
}
