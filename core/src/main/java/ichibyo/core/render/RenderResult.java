package ichibyo.core.render;

import java.nio.file.Path;

/**
 * A rendered movie.
 *
 * @param output   the MP4 file
 * @param duration its planned length in seconds: the clips minus the crossfade overlaps
 * @param width    frame width
 * @param height   frame height
 */
public record RenderResult(Path output, double duration, int width, int height) {}
