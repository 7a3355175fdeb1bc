package ichibyo.functions.catalog;

import ichibyo.core.media.MediaKind;

/** A family's usable photos and videos of one month (or a change of them). */
public record MonthCounts(long photos, long videos) {
    public static final MonthCounts NONE = new MonthCounts(0, 0);

    /** {@code n} (negative: fewer) of {@code kind}. */
    static MonthCounts of(MediaKind kind, long n) {
        return kind == MediaKind.VIDEO ? new MonthCounts(0, n) : new MonthCounts(n, 0);
    }

    MonthCounts plus(MonthCounts other) {
        return new MonthCounts(photos + other.photos, videos + other.videos);
    }

    boolean isNone() {
        return photos == 0 && videos == 0;
    }
}
