package ichibyo.core.delivery;

/** A family's usable photos and videos in one month: the catalog's {@code COUNT#{yyyy-MM}} counter item. */
public record MaterialCount(long photos, long videos) {
    public static final MaterialCount NONE = new MaterialCount(0, 0);

    public MaterialCount plus(MaterialCount other) {
        return new MaterialCount(photos + other.photos, videos + other.videos);
    }
}
