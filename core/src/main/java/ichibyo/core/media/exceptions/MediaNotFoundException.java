package ichibyo.core.media.exceptions;

/** The media file does not exist or cannot be read. */
public final class MediaNotFoundException extends MediaException {
    public MediaNotFoundException(String location) {
        super("media not found: " + location, null);
    }

    @Override
    public String reason() {
        return "MediaNotFound";
    }
}
