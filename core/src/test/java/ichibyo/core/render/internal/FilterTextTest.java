package ichibyo.core.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.TestMedia;
import ichibyo.core.render.MovieRenderer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterTextTest {
    @Test
    void pathsWithFiltergraphSyntax_reachTheFilterIntact(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("it's: [a], b; c\\d"));
        Path font = dir.resolve("font.ttf");
        try (InputStream in = MovieRenderer.class.getResourceAsStream(MovieRenderer.FONT_RESOURCE)) {
            Files.copy(in, font);
        }
        Path text = Files.writeString(dir.resolve("title.txt"), "Hello");
        Path png = tmp.resolve("out.png");

        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "color=black:s=320x180",
                "-vf", "drawtext=fontfile=" + FilterText.optionValue(font.toString()) + ":textfile=" + FilterText.optionValue(text.toString())
                        + ":fontsize=40:fontcolor=white:x=10:y=10",
                "-frames:v", "1", "-y", png.toString()), TestMedia.LIMIT);

        assertThat(TestMedia.contrast(javax.imageio.ImageIO.read(png.toFile()))).isGreaterThan(5);
    }

    @Test
    void numbers_arePlainDecimals() {
        assertThat(FilterText.num(1e-7)).isEqualTo("0");
        assertThat(FilterText.num(1.0 / 3)).isEqualTo("0.333333");
        assertThat(FilterText.num(12.5)).isEqualTo("12.5");
        assertThat(FilterText.num(30)).isEqualTo("30");
    }
}
