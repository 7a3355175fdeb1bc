package ichibyo.core.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt of something that failed for a reason that may pass (a
 * service's hiccup, a conflicting write): the first wait, doubled at each attempt, capped, with "equal
 * jitter" (half the wait fixed, half random) so that what failed together does not come back together.
 *
 * @param first the mean wait after the first failed attempt
 * @param cap   the longest wait
 */
public record RetryBackoff(Duration first, Duration cap) {

    public RetryBackoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= cap, not " + first + " and " + cap);
        }
    }

    /** The wait after {@code failedAttempts} failures (1 for the first), with jitter drawn from {@code random} in [0, 1). */
    public Duration after(int failedAttempts, DoubleSupplier random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("no failed attempt to wait after: " + failedAttempts);
        }
        // 2^30 of any first wait exceeds every cap: no overflow, the cap applies.
        long doubled = first.toMillis() << Math.min(30, failedAttempts - 1);
        long wait = Math.min(cap.toMillis(), doubled);
        return Duration.ofMillis(wait / 2 + (long) (random.getAsDouble() * (wait - wait / 2)));
    }
}
