package ichibyo.core.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The largest picture size a HEIF file declares, read from its {@code ispe} (image spatial extent)
 * properties without decoding: a tiled photo declares its tiles and the whole grid, and the
 * largest is what a decoder would allocate. Lets a decompression bomb be refused before
 * heif-convert runs.
 */
record HeifSize(long width, long height) {
    /** The metadata box sits at the start of the file; 1 MiB is plenty for it. */
    private static final int HEAD_BYTES = 1 << 20;

    /** The largest declared image, or 0 × 0 if none is declared. */
    static HeifSize largest(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HeifSize best = new HeifSize(0, 0);
        // ispe box: size(4) 'ispe' version+flags(4) width(4) height(4).
        for (int i = 4; i + 16 <= head.length; i++) {
            if (head[i] == 'i' && head[i + 1] == 's' && head[i + 2] == 'p' && head[i + 3] == 'e' && uint(head, i - 4) == 20) {
                long w = uint(head, i + 8);
                long h = uint(head, i + 12);
                if (w * h > best.width() * best.height()) {
                    best = new HeifSize(w, h);
                }
            }
        }
        return best;
    }

    private static long uint(byte[] b, int offset) {
        return ((long) (b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }
}
