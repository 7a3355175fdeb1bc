package ichibyo.core.render.exceptions;

/**
 * A render plan that cannot be rendered as written: refused before ffmpeg runs, and never worth a
 * retry. Subclasses name the common failures; a missing or undecodable input is reported with the
 * media errors ({@link ichibyo.core.media.exceptions.MediaNotFoundException},
 * {@link ichibyo.core.media.exceptions.UndecodableMediaException}, {@link ichibyo.core.media.exceptions.UnsupportedMediaException}).
 */
public class InvalidRenderPlanException extends RuntimeException {
    public InvalidRenderPlanException(String message) {
        super(message);
    }
}
