package ichibyo.core.render.exceptions;

/** A title longer than the edition allows. */
public final class TitleTooLongException extends InvalidRenderPlanException {
    public TitleTooLongException(int length, int limit) {
        super("the title has " + length + " characters; at most " + limit + " fit");
    }
}
