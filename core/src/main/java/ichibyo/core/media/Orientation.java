package ichibyo.core.media;

import java.util.List;

/**
 * The EXIF orientation of a photo (tag 0x0112, values 1–8): how the stored pixels must be turned to
 * show the picture upright. The static ffmpeg does not apply it itself; {@link #uprightFilters()}
 * are the filters that do.
 */
public enum Orientation {
    NORMAL(1, List.of()),
    MIRROR_HORIZONTAL(2, List.of("hflip")),
    ROTATE_180(3, List.of("hflip", "vflip")),
    MIRROR_VERTICAL(4, List.of("vflip")),
    /** Mirrored along the top-left to bottom-right diagonal. */
    TRANSPOSE(5, List.of("transpose=cclock_flip")),
    /** Stored turned 90° counter-clockwise: turn it 90° clockwise. */
    ROTATE_90_CW(6, List.of("transpose=clock")),
    /** Mirrored along the top-right to bottom-left diagonal. */
    TRANSVERSE(7, List.of("transpose=clock_flip")),
    /** Stored turned 90° clockwise: turn it 90° counter-clockwise. */
    ROTATE_270_CW(8, List.of("transpose=cclock"));

    private final int exifValue;
    private final List<String> uprightFilters;

    Orientation(int exifValue, List<String> uprightFilters) {
        this.exifValue = exifValue;
        this.uprightFilters = uprightFilters;
    }

    /** The orientation for an EXIF value; anything outside 1–8 (0 = absent, garbage) is {@link #NORMAL}. */
    public static Orientation fromExif(int value) {
        for (Orientation o : values()) {
            if (o.exifValue == value) {
                return o;
            }
        }
        return NORMAL;
    }

    public int exifValue() {
        return exifValue;
    }

    /** Whether upright width and height are the stored height and width. */
    public boolean swapsDimensions() {
        return exifValue >= 5;
    }

    /** ffmpeg video filters that turn the stored picture upright, in order; empty for {@link #NORMAL}. */
    public List<String> uprightFilters() {
        return uprightFilters;
    }
}
