package ichibyo.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Japanese title is drawn in glyphs, not boxes. A font without a character draws its one
 * "missing glyph" box for every such character, so two different names of the same length come out
 * the same; drawn with the CJK font they differ.
 */
class JapaneseTitleRenderTest {
    private static final Output OUTPUT = new Output(Aspect.LANDSCAPE, 360, 30, EditionStyle.MONTHLY);
    private static final String TITLE = "田中家 2026年 秋";

    @TempDir
    static Path dir;
    static Path black;
    static Path latin;
    static Path japanese;

    @BeforeAll
    static void makeMedia() {
        black = dir.resolve("black.png");
        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "color=black:s=640x360", "-frames:v", "1", "-y",
                black.toString()), TestMedia.LIMIT);
        latin = TitleFont.LATIN.copyTo(dir);
        Path jaDir = dir.resolve("ja");
        jaDir.toFile().mkdirs();
        japanese = TitleFont.JAPANESE.copyTo(jaDir);
    }

    @Test
    void fontChoice_followsTheTitlesCharacters() {
        assertThat(TitleFont.forText("The Smiths · Autumn 2026")).isEqualTo(TitleFont.LATIN);
        assertThat(TitleFont.forText(TITLE)).isEqualTo(TitleFont.JAPANESE);
        assertThat(TitleFont.forText("すずき家 2026年11月")).isEqualTo(TitleFont.JAPANESE);
        assertThat(TitleFont.LATIN.covers('田')).isFalse();
        assertThat(TitleFont.JAPANESE.covers('田')).isTrue();
        assertThat(TitleFont.JAPANESE.covers('秋')).isTrue();
    }

    @Test
    void withoutTheGlyphs_differentNamesLookTheSame_withThemTheyDiffer(@TempDir Path out) {
        double boxes = TestMedia.difference(drawn(latin, "田中家", out, "l1"), drawn(latin, "山本家", out, "l2"));
        double glyphs = TestMedia.difference(drawn(japanese, "田中家", out, "j1"), drawn(japanese, "山本家", out, "j2"));
        assertThat(TestMedia.contrast(drawn(latin, "田中家", out, "l3"))).as("DejaVu draws something (its boxes)").isGreaterThan(5);
        System.out.printf("title band difference of two names: DejaVu %.3f, Noto Sans JP %.3f%n", boxes, glyphs);
        assertThat(boxes).as("DejaVu: the same boxes for both names").isLessThan(0.2);
        assertThat(glyphs).as("Noto Sans JP: different characters").isGreaterThan(1.0).isGreaterThan(10 * boxes);
    }

    @Test
    void japaneseTitle_isRenderedInTheCjkFont(@TempDir Path out) {
        RenderPlan plan = RenderPlan.of(OUTPUT, TITLE, null, null, List.of(Clip.photo(black.toString(), KenBurns.STILL).withDuration(1.0)));
        BufferedImage rendered = band(TestMedia.frameAt(MovieRenderer.local().render(plan, out.resolve("t.mp4")).output(), 0.1));

        BufferedImage inJapanese = drawn(japanese, TITLE, out, "ref-ja");
        BufferedImage inLatin = drawn(latin, TITLE, out, "ref-latin");
        double toJapanese = TestMedia.difference(rendered, inJapanese);
        assertThat(TestMedia.contrast(rendered)).as("a title is drawn").isGreaterThan(10);
        assertThat(toJapanese).isLessThan(1.5);
        assertThat(toJapanese).isLessThan(TestMedia.difference(rendered, inLatin) / 3);
    }

    /** The title band of {@code text} drawn by drawtext with {@code font}, as the renderer places and sizes it. */
    private static BufferedImage drawn(Path font, String text, Path out, String name) {
        Path textFile = out.resolve(name + ".txt");
        Path png = out.resolve(name + ".png");
        try {
            java.nio.file.Files.writeString(textFile, text);
            int size = MovieRenderer.titleFontSize(640, 360, MovieRenderer.titleLength(text));
            String drawtext = "drawtext=fontfile=" + FilterText.optionValue(font.toString()) + ":textfile="
                    + FilterText.optionValue(textFile.toString()) + ":expansion=none:fontsize=" + size
                    + ":fontcolor=white:borderw=" + MovieRenderer.titleBorder(size) + ":bordercolor=black@0.7:x="
                    + MovieRenderer.TITLE_X + ":y=" + MovieRenderer.TITLE_Y;
            TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "color=black:s=640x360",
                    "-vf", drawtext, "-frames:v", "1", "-y", png.toString()), TestMedia.LIMIT);
            return band(ImageIO.read(png.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage band(BufferedImage frame) {
        int top = (int) (frame.getHeight() * 0.65);
        return frame.getSubimage(0, top, frame.getWidth(), (int) (frame.getHeight() * 0.9) - top);
    }
}
