package ichibyo.core.render;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The shape of a movie: written {@code "16:9"}, {@code "9:16"} or {@code "1:1"} in a plan. */
public enum Aspect {
    LANDSCAPE("16:9", 16, 9),
    PORTRAIT("9:16", 9, 16),
    SQUARE("1:1", 1, 1);

    private final String label;
    private final int across;
    private final int down;

    Aspect(String label, int across, int down) {
        this.label = label;
        this.across = across;
        this.down = down;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Aspect of(String label) {
        for (Aspect a : values()) {
            if (a.label.equals(label) || a.name().equalsIgnoreCase(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("aspect must be 16:9, 9:16 or 1:1, not " + label);
    }

    /** Width over height. */
    public double ratio() {
        return (double) across / down;
    }

    /** Frame width for a short side of {@code resolution} pixels (even, as yuv420p needs). */
    public int width(int resolution) {
        return even(across >= down ? resolution * across / (double) down : resolution);
    }

    public int height(int resolution) {
        return even(down >= across ? resolution * down / (double) across : resolution);
    }

    private static int even(double pixels) {
        return 2 * (int) Math.round(pixels / 2);
    }
}
