package ichibyo.core.encode;

/**
 * The picture size of a profile's output: the master's, scaled down (never up) to fit the profile's
 * maximum width and height with its aspect ratio kept, both sides even (4:2:0 chroma needs it).
 */
public record OutputSize(int width, int height) {

    public static OutputSize of(MasterInfo master, Profile profile) {
        double scale = 1;
        if (profile.maxWidth() > 0) {
            scale = Math.min(scale, (double) profile.maxWidth() / master.width());
        }
        if (profile.maxHeight() > 0) {
            scale = Math.min(scale, (double) profile.maxHeight() / master.height());
        }
        return new OutputSize(even(master.width() * scale), even(master.height() * scale));
    }

    public boolean sameAs(MasterInfo master) {
        return width == master.width() && height == master.height();
    }

    private static int even(double value) {
        return Math.max(2, 2 * (int) Math.round(value / 2));
    }
}
