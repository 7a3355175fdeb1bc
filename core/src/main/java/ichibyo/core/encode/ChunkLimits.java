package ichibyo.core.encode;

/**
 * How long chunks may be, in seconds of the master: at least {@code minSeconds} (shorter ones waste the
 * encoder's start-up and keyframes), at most {@code maxSeconds} (a chunk is small enough to redo on Spot),
 * about {@code targetSeconds} where no scene cut falls in the window.
 */
public record ChunkLimits(double minSeconds, double targetSeconds, double maxSeconds) {
    /** 10 s chunks, 4–20 s: a 30-minute master is about 180 chunks per profile. */
    public static final ChunkLimits DEFAULT = new ChunkLimits(4, 10, 20);

    public ChunkLimits {
        if (!(minSeconds > 0 && minSeconds <= targetSeconds && targetSeconds <= maxSeconds && maxSeconds >= 2 * minSeconds
                && maxSeconds <= 3600)) {
            throw new IllegalArgumentException("chunk limits need 0 < min ≤ target ≤ max, max ≥ 2 × min, max ≤ 3600 s: "
                    + minSeconds + "/" + targetSeconds + "/" + maxSeconds);
        }
    }
}
