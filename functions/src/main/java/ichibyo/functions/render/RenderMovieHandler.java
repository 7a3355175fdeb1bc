package ichibyo.functions.render;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.functions.Invocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/**
 * render (Lambda): {@code {"planKey", "outputKey"}} → {@link RenderedMovie} as JSON, through
 * {@link MovieRendering} (the same step a Fargate task runs for large plans). A plan that cannot be rendered
 * fails with one of {@link RenderErrors#PERMANENT}, which the state machine catches instead of retrying.
 *
 * <p>A stream handler: the request and the result go through ichibyo's one ObjectMapper ({@link Json}), not
 * the Lambda runtime's serialiser. On Lambda it runs with SnapStart: {@link #beforeCheckpoint} primes
 * Jackson and the presigner, keeping nothing.
 */
public final class RenderMovieHandler implements RequestStreamHandler, Resource {
    private final MovieRendering rendering;

    /** On Lambda: everything from the environment ({@link MovieRendering#fromEnvironment}). */
    public RenderMovieHandler() {
        this(MovieRendering.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    public RenderMovieHandler(MovieRendering rendering) {
        this.rendering = rendering;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RenderRequest request;
        try {
            request = Json.mapper().readValue(input, RenderRequest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRenderRequestException("the request must be JSON with planKey and outputKey: " + e.getOriginalMessage());
        }
        if (request == null) {
            throw new InvalidRenderRequestException("empty request");
        }
        RenderRequest valid = request;
        RenderedMovie movie = Invocation.run(context, null, null, () -> {
            try {
                return rendering.render(valid);
            } catch (RuntimeException e) {
                throw RenderErrors.reported(e);
            }
        });
        Json.mapper().writeValue(output, movie);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        rendering.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: clients read credentials per request
    }
}
