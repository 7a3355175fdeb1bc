package ichibyo.local.runtime.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which transient failures the local runtime injects, to see that the flows survive what AWS does now and
 * then: {@code ICHIBYO_FAULTS="lambda=0.15,timeout=0.05,ecs=0.2,seed=7"} (a system property or environment
 * variable of that name) or {@link ichibyo.local.runtime.RuntimeOptions#withFaults}.
 *
 * @param lambdaErrors  the share of Lambda invocations that Lambda's API refuses before the function runs
 *                      ({@code ServiceException} or {@code TooManyRequestsException}, half each)
 * @param lambdaTimeouts the share of Lambda invocations that run but are reported timed out
 *                      ({@code Sandbox.Timedout}): their effects happened, their result is lost
 * @param ecsErrors     the share of ECS RunTask calls that fail ({@code ECS.AmazonECSException}, no task started)
 * @param seed          the seed of the draws: each function and each task family has a sequence of its own from it,
 *                      so its n-th invocation gets the same fault on every run (only concurrent invocations of one
 *                      function can swap draws)
 */
public record Faults(double lambdaErrors, double lambdaTimeouts, double ecsErrors, long seed) {

    /** The name of the system property and of the environment variable. */
    public static final String VARIABLE = "ICHIBYO_FAULTS";

    /** No faults: the default. */
    public static final Faults NONE = new Faults(0, 0, 0, 0);

    public Faults {
        share("lambda", lambdaErrors);
        share("timeout", lambdaTimeouts);
        share("ecs", ecsErrors);
        if (lambdaErrors + lambdaTimeouts > 1) {
            throw new IllegalArgumentException(VARIABLE + ": lambda + timeout is over 1: " + (lambdaErrors + lambdaTimeouts));
        }
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(VARIABLE + ": " + name + " must be a share between 0 and 1, not " + value);
        }
    }

    public boolean none() {
        return lambdaErrors == 0 && lambdaTimeouts == 0 && ecsErrors == 0;
    }

    /** From {@link #VARIABLE}, the system property first; {@link #NONE} when neither is set. */
    public static Faults fromEnvironment() {
        String value = System.getProperty(VARIABLE);
        if (value == null || value.isBlank()) {
            value = System.getenv(VARIABLE);
        }
        return value == null || value.isBlank() ? NONE : parse(value);
    }

    /** {@code lambda=0.15,timeout=0.05,ecs=0.2,seed=7}: every part optional, a share is 0 when not named. */
    public static Faults parse(String spec) {
        double lambda = 0;
        double timeout = 0;
        double ecs = 0;
        long seed = 0;
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(VARIABLE + ": '" + p + "' is not name=value (lambda, timeout, ecs, seed)");
            }
            String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).strip();
            try {
                switch (name) {
                    case "lambda" -> lambda = Double.parseDouble(value);
                    case "timeout" -> timeout = Double.parseDouble(value);
                    case "ecs" -> ecs = Double.parseDouble(value);
                    case "seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException(VARIABLE + ": unknown '" + name + "' (lambda, timeout, ecs, seed)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(VARIABLE + ": " + name + " is not a number: " + value, e);
            }
        }
        return new Faults(lambda, timeout, ecs, seed);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("lambda=" + lambdaErrors);
        parts.add("timeout=" + lambdaTimeouts);
        parts.add("ecs=" + ecsErrors);
        parts.add("seed=" + seed);
        return String.join(",", parts);
    }
}
