package ichibyo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ichibyo.core.TestMedia;
import ichibyo.core.render.MovieRenderer;
import ichibyo.core.render.RenderResult;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.render.RenderedMovie;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one realistic render: real photos and videos, 1280×720, title, watermark, music. */
class DemoMovieTest {
    @Test
    void demoPlan_rendersAnHdMovieOfThePlannedLengthWithSound(@TempDir Path dir) throws Exception {
        RenderPlan plan = DemoMovie.plan(DemoMovie.watermark(dir), DemoMovie.music(TestMedia.ffmpeg(), dir));

        RenderResult result = MovieRenderer.local().render(plan, dir.resolve("demo.mp4"));

        RenderedMovie movie = RenderedMovie.of(result.output());
        assertThat(movie.width()).isEqualTo(1280);
        assertThat(movie.height()).isEqualTo(720);
        assertThat(movie.videoDuration()).isCloseTo(result.duration(), within(1.0 / 30));
        assertThat(movie.meanVolume()).isGreaterThan(-35);
        for (double t = 0.2; t < result.duration(); t += 1.0) {
            assertThat(TestMedia.contrast(TestMedia.frameAt(result.output(), t))).as("frame at %.1f s", t).isGreaterThan(10);
        }
    }
}
