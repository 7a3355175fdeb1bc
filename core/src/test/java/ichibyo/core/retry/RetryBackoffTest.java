package ichibyo.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(2));

    @Test
    void doublesFromTheFirstWait_betweenHalfAndAllOfIt() {
        assertThat(backoff.after(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(1, () -> 0.999_999)).isBetween(Duration.ofMillis(9_999), Duration.ofSeconds(10));
        assertThat(backoff.after(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void neverWaitsLongerThanTheCap_evenAfterManyAttempts() {
        assertThat(backoff.after(5, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.after(1_000, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofMinutes(2))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.after(0, () -> 0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
