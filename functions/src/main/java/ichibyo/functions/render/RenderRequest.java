package ichibyo.functions.render;

/**
 * What the render step is asked: render the plan at {@code planKey} of the media bucket into {@code outputKey}.
 *
 * @param planKey   the render plan JSON ({@link ichibyo.core.render.RenderPlan}), sources as {@code s3://bucket/key}
 * @param outputKey where the MP4 goes; the poster JPEG goes beside it ({@link MovieRendering#posterKey})
 */
public record RenderRequest(String planKey, String outputKey) {

    /** @throws InvalidRenderRequestException a key is missing, or both keys are the same object */
    public RenderRequest validated() {
        if (planKey == null || planKey.isBlank()) {
            throw new InvalidRenderRequestException("planKey is missing");
        }
        if (outputKey == null || outputKey.isBlank()) {
            throw new InvalidRenderRequestException("outputKey is missing");
        }
        if (planKey.equals(outputKey) || MovieRendering.posterKey(outputKey).equals(planKey)) {
            throw new InvalidRenderRequestException("the movie or its poster would overwrite the plan " + planKey);
        }
        return this;
    }
}
