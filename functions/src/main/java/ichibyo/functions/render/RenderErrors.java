package ichibyo.functions.render;

import ichibyo.core.media.exceptions.MediaNotFoundException;
import ichibyo.core.media.exceptions.PlainHttpMediaLocationException;
import ichibyo.core.media.exceptions.UndecodableMediaException;
import ichibyo.core.media.exceptions.UnsupportedMediaException;
import ichibyo.core.render.exceptions.InvalidRenderPlanException;
import ichibyo.functions.aws.AwsFailures;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The errors of the render step as state machines see them, the same on Lambda and on a Fargate task.
 * Lambda's Java runtime names an error by the exception's class name, and Step Functions matches names
 * exactly (not subclasses): so a plan error of any kind is reported as {@link InvalidRenderPlanException}
 * itself, and the Fargate task reports the same class names. One {@code Catch} serves both:
 * <pre>"ErrorEquals": [ ...RenderErrors.PERMANENT ]</pre>
 */
public final class RenderErrors {

    /** Failures that retrying cannot fix: catch them, never retry them. */
    public static final List<String> PERMANENT = List.of(
            InvalidRenderPlanException.class.getName(),
            InvalidRenderRequestException.class.getName(),
            MediaNotFoundException.class.getName(),
            UndecodableMediaException.class.getName(),
            UnsupportedMediaException.class.getName(),
            PlainHttpMediaLocationException.class.getName());

    private RenderErrors() {}

    /**
     * The exception to report: a plan error of a named kind becomes an {@link InvalidRenderPlanException} that names it;
     * a dropped connection a {@link ichibyo.functions.TransientFailureException} (retried).
     */
    public static RuntimeException reported(RuntimeException e) {
        if (e instanceof InvalidRenderPlanException && e.getClass() != InvalidRenderPlanException.class) {
            InvalidRenderPlanException plain = new InvalidRenderPlanException(e.getClass().getSimpleName() + ": " + e.getMessage());
            plain.initCause(e);
            return plain;
        }
        if (e instanceof UncheckedIOException io) {
            return AwsFailures.classify(io); // a dropped connection is retried
        }
        return e;
    }

    /** The error name of a failure, as Lambda would give it: the class name of {@link #reported}. */
    public static String errorName(Throwable e) {
        return (e instanceof RuntimeException r ? reported(r) : e).getClass().getName();
    }
}
