package ichibyo.core.render;

/**
 * How each edition's movies look and what they may hold (DESIGN.md, the editions table): the most
 * clips, the crossfade between clips, the longest title.
 */
public enum EditionStyle {
    /** Every family, videos only, at most 20. */
    QUARTERLY(20, 0.25, 40),
    /** Premium: photos and videos, effects. */
    MONTHLY(30, 0.3, 40),
    /** Premium: a whole year, richer effects. */
    YEARLY(60, 0.4, 60);

    private final int maxClips;
    private final double crossfade;
    private final int maxTitleLength;

    EditionStyle(int maxClips, double crossfade, int maxTitleLength) {
        this.maxClips = maxClips;
        this.crossfade = crossfade;
        this.maxTitleLength = maxTitleLength;
    }

    public int maxClips() {
        return maxClips;
    }

    /** Seconds each crossfade overlaps two clips (shortened for very short clips). */
    public double crossfade() {
        return crossfade;
    }

    /** The longest title, in characters (Unicode code points). */
    public int maxTitleLength() {
        return maxTitleLength;
    }
}
