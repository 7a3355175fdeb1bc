package ichibyo.core.delivery;

import ichibyo.core.media.MediaKind;

/** A family's usable photos and videos in one month (or a change of them): the catalog's {@code COUNT#{yyyy-MM}} counter item. */
public record MaterialCount(long photos, long videos) {
    public static final MaterialCount NONE = new MaterialCount(0, 0);

    /** {@code n} (negative: fewer) of {@code kind}. */
    public static MaterialCount of(MediaKind kind, long n) {
        return kind == MediaKind.VIDEO ? new MaterialCount(0, n) : new MaterialCount(n, 0);
    }

    public MaterialCount plus(MaterialCount other) {
        return new MaterialCount(photos + other.photos, videos + other.videos);
    }

    public boolean isNone() {
        return photos == 0 && videos == 0;
    }
}
