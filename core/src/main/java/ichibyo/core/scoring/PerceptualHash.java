package ichibyo.core.scoring;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A 64-bit difference hash (dHash) of an upright picture: the luma is averaged down to 9×8 cells
 * and each bit says whether a cell is brighter than its right-hand neighbour. Resizing, recompression
 * and small exposure changes leave it (nearly) the same; a different picture differs in about half
 * its bits. Selection counts differing bits ({@link #distance}) to find near-duplicates.
 * Written as 16 lower-case hex digits.
 */
public final class PerceptualHash {
    private static final int COLUMNS = 9;
    private static final int ROWS = 8;

    private PerceptualHash() {}

    /** The hash of {@code upright}, as 16 hex digits. */
    public static String of(RgbImage upright) {
        float[] grey = upright.grey();
        int w = upright.width();
        int h = upright.height();
        double[] cells = new double[COLUMNS * ROWS];
        // Area averages over whole cells: every pixel counts, so the hash does not alias with the picture's size.
        for (int row = 0; row < ROWS; row++) {
            int y0 = row * h / ROWS;
            int y1 = Math.max(y0 + 1, (row + 1) * h / ROWS);
            for (int col = 0; col < COLUMNS; col++) {
                int x0 = col * w / COLUMNS;
                int x1 = Math.max(x0 + 1, (col + 1) * w / COLUMNS);
                double sum = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        sum += grey[y * w + x];
                    }
                }
                cells[row * COLUMNS + col] = sum / ((double) (y1 - y0) * (x1 - x0));
            }
        }
        long bits = 0;
        for (int row = 0; row < ROWS; row++) {
            for (int col = 0; col < COLUMNS - 1; col++) {
                bits <<= 1;
                if (cells[row * COLUMNS + col] > cells[row * COLUMNS + col + 1]) {
                    bits |= 1;
                }
            }
        }
        return HexFormat.of().toHexDigits(bits);
    }

    /**
     * How many of the 64 bits differ between two hashes (0 = the same picture, about 32 = unrelated).
     *
     * @throws IllegalArgumentException when either is not 16 hex digits
     */
    public static int distance(String a, String b) {
        return Long.bitCount(parse(a) ^ parse(b));
    }

    private static long parse(String hex) {
        if (hex == null || hex.length() != 16) {
            throw new IllegalArgumentException("a perceptual hash is 16 hex digits, not " + hex);
        }
        return HexFormat.fromHexDigitsToLong(hex.toLowerCase(Locale.ROOT));
    }
}
