package ichibyo.core.render.exceptions;

/** A clip whose duration is zero, negative or not a number. */
public final class InvalidClipDurationException extends InvalidRenderPlanException {
    public InvalidClipDurationException(int clip, double duration) {
        super("clip " + clip + " has duration " + duration + " s; it must be more than 0");
    }
}
