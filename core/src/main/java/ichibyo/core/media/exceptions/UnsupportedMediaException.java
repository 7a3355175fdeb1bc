package ichibyo.core.media.exceptions;

/**
 * A valid file ichibyo does not handle: a format with no decode path here (HEIC without
 * {@code heif-convert}), or a picture or video beyond the limits.
 */
public final class UnsupportedMediaException extends MediaException {
    public UnsupportedMediaException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnsupportedMediaException(String message) {
        this(message, null);
    }

    @Override
    public String reason() {
        return "UnsupportedMedia";
    }
}
