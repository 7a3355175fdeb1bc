package ichibyo.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.TestMedia;
import ichibyo.core.render.internal.FilterText;
import ichibyo.core.render.internal.TitleSegment;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A title is drawn exactly as written: no character of it can change the filtergraph or be expanded. */
class TitleRenderTest {
    private static final Output OUTPUT = new Output(Aspect.LANDSCAPE, 360, 30, EditionStyle.MONTHLY);
    /** Every character with a meaning in a filtergraph or to drawtext. */
    private static final String TITLE = "It's 10:30 \\ 100% [a];b,c %{n}";
    /**
     * The same title escaped by hand for a {@code text=} option, per ffmpeg's filtergraph escaping
     * rules: first for the option ({@code \ ' :}), then for the graph ({@code \ ' [ ] , ;}).
     */
    private static final String TITLE_ESCAPED_BY_HAND = "It\\\\\\'s 10\\\\:30 \\\\\\\\ 100% \\[a\\]\\;b\\,c %{n}";

    @TempDir
    static Path dir;
    static Path black;
    static Path font;

    @BeforeAll
    static void makeMedia() throws Exception {
        black = TestMedia.markedPicture(dir, "black.png", 640, 360, new double[0][], new int[0]);
        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "color=black:s=640x360", "-frames:v", "1", "-y",
                black.toString()), TestMedia.LIMIT);
        font = dir.resolve("font.ttf");
        try (InputStream in = MovieRenderer.class.getResourceAsStream(MovieRenderer.FONT_RESOURCE)) {
            Files.copy(in, font);
        }
    }

    @Test
    void handEscapedReference_matchesTheRenderersEscaping() {
        assertThat(FilterText.optionValue(TITLE)).isEqualTo(TITLE_ESCAPED_BY_HAND);
    }

    @Test
    void titleWithFiltergraphSyntax_rendersLiterally(@TempDir Path out) {
        RenderPlan plan = RenderPlan.of(OUTPUT, TITLE, null, null, List.of(Clip.photo(black.toString(), KenBurns.STILL).withDuration(1.0)));
        BufferedImage rendered = titleBand(TestMedia.frameAt(MovieRenderer.local().render(plan, out.resolve("t.mp4")).output(), 0.1));

        BufferedImage literal = titleBand(reference(TITLE_ESCAPED_BY_HAND, TITLE, out.resolve("literal.png")));
        String withoutBackslash = "It's 10:30  100% [a];b,c %{n}";
        BufferedImage wrong = titleBand(reference(FilterText.optionValue(withoutBackslash), withoutBackslash, out.resolve("wrong.png")));

        assertThat(TestMedia.contrast(rendered)).as("a title is drawn").isGreaterThan(10);
        double toLiteral = TestMedia.difference(rendered, literal);
        assertThat(toLiteral).isLessThan(1.5);
        assertThat(toLiteral).isLessThan(TestMedia.difference(rendered, wrong) / 3);
    }

    /** drawtext run directly by the test with the text in {@code text=}, over the same black frame. */
    private static BufferedImage reference(String escapedText, String text, Path png) {
        int size = TitleSegment.titleFontSize(640, 360, text.codePointCount(0, text.length()));
        String drawtext = "drawtext=fontfile=" + FilterText.optionValue(font.toString()) + ":text=" + escapedText
                + ":expansion=none:fontsize=" + size + ":fontcolor=white:borderw=" + TitleSegment.titleBorder(size)
                + ":bordercolor=black@0.7:x=" + TitleSegment.TITLE_X + ":y=" + TitleSegment.TITLE_Y;
        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "color=black:s=640x360",
                "-vf", drawtext, "-frames:v", "1", "-y", png.toString()), TestMedia.LIMIT);
        try {
            return javax.imageio.ImageIO.read(png.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static BufferedImage titleBand(BufferedImage frame) {
        int top = (int) (frame.getHeight() * 0.65);
        return frame.getSubimage(0, top, frame.getWidth(), (int) (frame.getHeight() * 0.9) - top);
    }
}
