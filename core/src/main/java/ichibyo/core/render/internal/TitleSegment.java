package ichibyo.core.render.internal;

import static ichibyo.core.render.internal.FilterText.num;
import static ichibyo.core.render.internal.FilterText.optionValue;

import java.nio.file.Path;

/** The title over the first seconds: drawn from a file (user text never enters the graph), with a font file. */
public final class TitleSegment {
    private static final double TITLE_SECONDS = 2.0;
    /** Where the title sits: centred, in the lower part of the frame. */
    public static final String TITLE_X = "(w-text_w)/2";
    public static final String TITLE_Y = "h*0.78-text_h/2";

    private final Filtergraph g;
    private final String title;
    private final Path titleFile;
    private final Path font;

    TitleSegment(Filtergraph g, String title, Path titleFile, Path font) {
        this.g = g;
        this.title = title;
        this.titleFile = titleFile;
        this.font = font;
    }

    /** {@code video} with the title drawn over its first seconds, fading out; returns the new chain. */
    String title(String video, double total) {
        String text = PlanRules.cleanTitle(title);
        int size = titleFontSize(g.width, g.height, titleLength(text));
        double shown = Math.min(TITLE_SECONDS, total);
        double fadeFrom = Math.max(0, shown - 0.5);
        g.graph().append('[').append(video).append("]drawtext=fontfile=").append(optionValue(font.toString()))
                .append(":textfile=").append(optionValue(titleFile.toString()))
                .append(":expansion=none:fontsize=").append(size).append(":fontcolor=white")
                .append(":borderw=").append(titleBorder(size)).append(":bordercolor=black@0.7")
                .append(":x=").append(TITLE_X).append(":y=").append(TITLE_Y)
                .append(":alpha='if(lt(t,").append(num(fadeFrom)).append("),1,max(0,(").append(num(shown)).append("-t)/0.5))'")
                .append(":enable='lt(t,").append(num(shown)).append(")'[vtitled];\n");
        return "vtitled";
    }

    /** The title's font size: big, but never wider than 90 % of the frame (bold glyphs average ~0.65 em). */
    public static int titleFontSize(int width, int height, int length) {
        return (int) Math.max(8, Math.min(height / 11.0, width * 0.9 / (0.65 * Math.max(1, length))));
    }

    /**
     * The title's length in average Latin glyph widths: a full-width (CJK) character is a whole em,
     * about 1.5 Latin bold glyphs, so a Japanese title gets a font size that still fits the frame.
     */
    public static int titleLength(String text) {
        double units = text.codePoints().mapToDouble(c -> isWide(c) ? 1.5 : 1.0).sum();
        return (int) Math.ceil(units);
    }

    private static boolean isWide(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60);
    }

    public static int titleBorder(int fontSize) {
        return Math.max(1, fontSize / 18);
    }
}
