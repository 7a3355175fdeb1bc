package ichibyo.tasks.render;

import ichibyo.core.Json;
import ichibyo.functions.render.MovieRendering;
import ichibyo.functions.render.RenderErrors;
import ichibyo.functions.render.RenderRequest;
import ichibyo.functions.render.RenderedMovie;
import ichibyo.tasks.Task;
import java.util.Map;

/**
 * render on Fargate, for plans too large for Lambda: the same {@link MovieRendering} as the render function.
 * Input from the environment: {@code MEDIA_BUCKET} (the task definition's), {@code PLAN_KEY} and
 * {@code OUTPUT_KEY} (the state's container overrides). The result is the function's, {@link RenderedMovie}
 * as JSON; errors carry the function's names ({@link RenderErrors}), so one Catch serves both.
 */
public final class RenderTask implements Task {

    @Override
    public String run(Map<String, String> environment) throws Exception {
        RenderRequest request = new RenderRequest(environment.get("PLAN_KEY"), environment.get("OUTPUT_KEY")).validated();
        RenderedMovie movie = MovieRendering.fromEnvironment().render(request);
        return Json.mapper().writeValueAsString(movie);
    }

    @Override
    public String errorName(Throwable failure) {
        return RenderErrors.errorName(failure);
    }
}
