package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.error.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** One Retry entry: ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy. */
final class Retrier {
    final List<String> errorEquals = new ArrayList<>();
    final double intervalSeconds;
    final int maxAttempts;
    final double backoffRate;
    final Double maxDelaySeconds;
    final boolean fullJitter;

    Retrier(JsonNode r) {
        r.path("ErrorEquals").forEach(e -> errorEquals.add(e.asText()));
        intervalSeconds = r.path("IntervalSeconds").asDouble(1);
        maxAttempts = r.path("MaxAttempts").asInt(3);
        backoffRate = r.path("BackoffRate").asDouble(2.0);
        maxDelaySeconds = r.hasNonNull("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asDouble() : null;
        fullJitter = "FULL".equals(r.path("JitterStrategy").asText("NONE"));
    }

    /** The wait before retry number {@code attempt + 1}: interval × rate^attempt, capped, with optional full jitter. */
    long delayMillis(int attempt) {
        double seconds = intervalSeconds * Math.pow(backoffRate, attempt);
        if (maxDelaySeconds != null) seconds = Math.min(seconds, maxDelaySeconds);
        if (fullJitter) seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        return (long) (seconds * 1000);
    }

    static Retrier matching(List<Retrier> retriers, StatesError e) {
        for (Retrier r : retriers) if (matches(r.errorEquals, e)) return r;
        return null;
    }

    /**
     * ErrorEquals matching: States.ALL matches any error except the terminal ones (States.Runtime,
     * States.DataLimitExceeded); States.TaskFailed, per the specification, any of those except States.Timeout.
     */
    static boolean matches(List<String> errorEquals, StatesError e) {
        String error = e.error();
        for (String name : errorEquals) {
            if (name.equals(error)) return true;
            if (name.equals("States.ALL") && !e.terminal()) return true;
            if (name.equals("States.TaskFailed") && !e.terminal() && !"States.Timeout".equals(error)) return true;
        }
        return false;
    }
}
