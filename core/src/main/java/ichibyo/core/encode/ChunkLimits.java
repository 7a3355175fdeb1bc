package ichibyo.core.encode;

/**
 * How long chunks may be, in seconds of the master: at least {@code minSeconds} (shorter ones waste the
 * encoder's start-up and keyframes), at most {@code maxSeconds} (a chunk is small enough to redo on Spot),
 * about {@code targetSeconds} where no scene cut falls in the window.
 */
public record ChunkLimits(double minSeconds, double targetSeconds, double maxSeconds) {
    /** 10 s chunks, 4–20 s: a 30-minute master is about 180 chunks per profile. */
    public static final ChunkLimits DEFAULT = new ChunkLimits(4, 10, 20);

    /** Waves of chunk tasks a fitted plan aims at: enough to balance long chunks against short, few enough that a task's start-up is paid seldom. */
    public static final double FLEET_WAVES = 1.5;
    /** The most a fit stretches the limits (10 s chunks become at most 60 s): a chunk redone after a Spot interruption stays short. */
    public static final double MAX_STRETCH = 6;

    public ChunkLimits {
        if (!(minSeconds > 0 && minSeconds <= targetSeconds && targetSeconds <= maxSeconds && maxSeconds >= 2 * minSeconds
                && maxSeconds <= 3600)) {
            throw new IllegalArgumentException("chunk limits need 0 < min ≤ target ≤ max, max ≥ 2 × min, max ≤ 3600 s: "
                    + minSeconds + "/" + targetSeconds + "/" + maxSeconds);
        }
    }

    /**
     * These limits stretched for a long master, so that its chunk tasks ({@code profiles} per chunk) come to about
     * {@link #FLEET_WAVES} waves of {@code slots} at once, at most {@link #MAX_STRETCH} times longer; unchanged when
     * the master is short. Every task pays a start-up (a Fargate task's is tens of seconds, billed by the minute at
     * least), so a 30-minute master in 10 s chunks on 100 tasks spends more on starting tasks than on a wave of
     * 60 s chunks (BENCHMARKS.md, fan-out model).
     */
    public ChunkLimits fittedTo(double masterSeconds, int profiles, int slots) {
        if (slots < 1 || profiles < 1) {
            throw new IllegalArgumentException("a fit needs at least one profile and one slot: " + profiles + " profiles, " + slots + " slots");
        }
        double stretch = Math.min(MAX_STRETCH, masterSeconds * profiles / (slots * FLEET_WAVES * targetSeconds));
        if (!(stretch > 1)) {
            return this;
        }
        return new ChunkLimits(minSeconds * stretch, targetSeconds * stretch, Math.min(3600, maxSeconds * stretch));
    }
}
