package ichibyo.functions.render;

import ichibyo.core.render.exceptions.InvalidRenderPlanException;

/** The plan key names no object in the media bucket. */
public final class RenderPlanNotFoundException extends InvalidRenderPlanException {
    public RenderPlanNotFoundException(String uri) {
        super("the render plan " + uri + " does not exist");
    }
}
