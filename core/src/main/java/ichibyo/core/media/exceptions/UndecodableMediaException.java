package ichibyo.core.media.exceptions;

/** The file exists but holds no picture ffprobe can decode (corrupt, truncated, not media at all). */
public final class UndecodableMediaException extends MediaException {
    public UndecodableMediaException(String message, Throwable cause) {
        super(message, cause);
    }

    public UndecodableMediaException(String message) {
        this(message, null);
    }

    @Override
    public String reason() {
        return "UndecodableMedia";
    }
}
