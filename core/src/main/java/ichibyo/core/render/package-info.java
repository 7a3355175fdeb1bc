/**
 * 1-second movies: a {@link ichibyo.core.render.RenderPlan} (versioned JSON: output, title,
 * watermark, music, clips) rendered by {@link ichibyo.core.render.MovieRenderer} with one ffmpeg
 * process and one filtergraph. {@link ichibyo.core.render.MovieRenderer#prepare} shows the command
 * without running it. Plans that break a rule are refused before ffmpeg runs with an
 * {@link ichibyo.core.render.exceptions.InvalidRenderPlanException} (named subclasses for the common cases) or
 * a media error.
 */
package ichibyo.core.render;
