package ichibyo.functions.render;

/**
 * A movie rendered and stored: the render step's result (Lambda's response, a Fargate task's SendTaskSuccess output).
 *
 * @param outputKey       the MP4 in the media bucket
 * @param posterKey       its poster JPEG, beside it
 * @param durationSeconds the movie's length (the clips minus the crossfade overlaps)
 * @param width           frame width
 * @param height          frame height
 * @param bytes           the MP4's size
 * @param renderSeconds   the whole step: reading the plan, rendering, the poster, both uploads
 */
public record RenderedMovie(String outputKey, String posterKey, double durationSeconds, int width, int height, long bytes,
        double renderSeconds) {}
