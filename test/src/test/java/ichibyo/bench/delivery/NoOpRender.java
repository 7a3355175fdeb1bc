package ichibyo.bench.delivery;

import ichibyo.functions.delivery.FamilyResult;
import ichibyo.functions.delivery.StepHandler;
import java.util.Map;

/** Bench double of render-movie: renders nothing, answers the shape deliver reads. */
public final class NoOpRender extends StepHandler<NoOpRender.Request, FamilyResult.Rendered> {
    public record Request(String planKey, String outputKey) {}

    public NoOpRender(Map<String, String> env) {
        super(Request.class, "render-movie", env);
    }

    @Override
    protected FamilyResult.Rendered handle(Request in) {
        return new FamilyResult.Rendered(in.outputKey(), null, 20.0, 1280, 720, 0L, 0.0, null);
    }

    @Override
    protected String sampleEvent() {
        return "render-movie-fails-plan-missing.json";
    }
}
