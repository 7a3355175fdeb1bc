package ichibyo.core.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;

/**
 * The fonts a title can be drawn in, packaged in the jar (drawtext needs a file): DejaVu Sans Bold
 * for Latin, Greek and Cyrillic, Noto Sans JP Bold (fetched from npm at build time, see core/pom.xml)
 * for Japanese. {@link #forText} picks the first that has a glyph for every character of the title,
 * read from the font's own character map, so a title is never drawn as boxes when a font has it.
 */
public enum TitleFont {
    LATIN("fonts/DejaVuSans-Bold.ttf"),
    JAPANESE("fonts/NotoSansJP-Bold.otf");

    private final String resource;
    private volatile BitSet coverage;

    TitleFont(String resource) {
        this.resource = resource;
    }

    /** The classpath resource, relative to this package. */
    public String resource() {
        return resource;
    }

    /**
     * The first font that has every character of {@code text} (spaces and control characters aside);
     * when none has them all, the one that has the most.
     */
    public static TitleFont forText(String text) {
        TitleFont best = LATIN;
        long bestMissing = Long.MAX_VALUE;
        for (TitleFont font : values()) {
            long missing = font.missing(text);
            if (missing == 0) {
                return font;
            }
            if (missing < bestMissing) {
                bestMissing = missing;
                best = font;
            }
        }
        return best;
    }

    /** Whether the font has a glyph for {@code codePoint}. */
    public boolean covers(int codePoint) {
        return coverage().get(codePoint);
    }

    /** How many characters of {@code text} (spaces and control characters aside) the font has no glyph for. */
    public long missing(String text) {
        return text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c) && !covers(c)).count();
    }

    /** Copies the font into {@code dir} (drawtext reads a file). */
    public Path copyTo(Path dir) {
        Path file = dir.resolve("title" + resource.substring(resource.lastIndexOf('.')));
        try (InputStream in = open()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private InputStream open() {
        InputStream in = TitleFont.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the title font " + resource + " is missing from the classpath");
        }
        return in;
    }

    private BitSet coverage() {
        BitSet c = coverage;
        if (c == null) {
            try (InputStream in = open()) {
                c = CharacterMap.read(ByteBuffer.wrap(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            coverage = c;
        }
        return c;
    }

    /**
     * The code points an OpenType/TrueType font maps to a glyph, from its {@code cmap} table
     * (format 12 when present, else format 4): the same table FreeType, and so drawtext, looks glyphs up in.
     */
    static final class CharacterMap {
        private CharacterMap() {}

        static BitSet read(ByteBuffer font) {
            int tables = font.getShort(4) & 0xffff;
            int cmap = -1;
            for (int i = 0; i < tables; i++) {
                int record = 12 + 16 * i;
                if (font.getInt(record) == 0x636d6170) { // "cmap"
                    cmap = font.getInt(record + 8);
                }
            }
            if (cmap < 0) {
                throw new IllegalStateException("the font has no cmap table");
            }
            int subtables = font.getShort(cmap + 2) & 0xffff;
            int format4 = -1;
            int format12 = -1;
            for (int i = 0; i < subtables; i++) {
                int record = cmap + 4 + 8 * i;
                int platform = font.getShort(record) & 0xffff;
                int encoding = font.getShort(record + 2) & 0xffff;
                int offset = cmap + font.getInt(record + 4);
                int format = font.getShort(offset) & 0xffff;
                boolean unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
                if (unicode && format == 12) {
                    format12 = offset;
                } else if (unicode && format == 4) {
                    format4 = offset;
                }
            }
            BitSet covered = new BitSet(0x110000);
            if (format12 >= 0) {
                long groups = font.getInt(format12 + 12) & 0xffffffffL;
                for (int g = 0; g < groups; g++) {
                    int group = format12 + 16 + 12 * g;
                    int start = font.getInt(group);
                    int end = font.getInt(group + 4);
                    covered.set(start, Math.min(end, 0x10FFFF) + 1);
                }
            } else if (format4 >= 0) {
                int segments = (font.getShort(format4 + 6) & 0xffff) / 2;
                int ends = format4 + 14;
                int starts = ends + 2 * segments + 2;
                int deltas = starts + 2 * segments;
                int rangeOffsets = deltas + 2 * segments;
                for (int s = 0; s < segments; s++) {
                    int end = font.getShort(ends + 2 * s) & 0xffff;
                    int start = font.getShort(starts + 2 * s) & 0xffff;
                    int delta = font.getShort(deltas + 2 * s);
                    int rangeOffset = font.getShort(rangeOffsets + 2 * s) & 0xffff;
                    for (int c = start; c <= end && c != 0xffff; c++) {
                        int glyph;
                        if (rangeOffset == 0) {
                            glyph = (c + delta) & 0xffff;
                        } else {
                            int at = rangeOffsets + 2 * s + rangeOffset + 2 * (c - start);
                            glyph = font.getShort(at) & 0xffff;
                            if (glyph != 0) {
                                glyph = (glyph + delta) & 0xffff;
                            }
                        }
                        if (glyph != 0) {
                            covered.set(c);
                        }
                    }
                }
            } else {
                throw new IllegalStateException("the font has no Unicode character map");
            }
            return covered;
        }
    }
}
