package ichibyo.core.edition;

import java.time.Duration;
import java.time.Instant;

/** A half-open range of instants, {@code [start, end)}. */
public record InstantRange(Instant start, Instant end) {
    public InstantRange {
        if (start == null || end == null || end.isBefore(start)) {
            throw new IllegalArgumentException("a range needs a start and an end not before it: " + start + " – " + end);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
