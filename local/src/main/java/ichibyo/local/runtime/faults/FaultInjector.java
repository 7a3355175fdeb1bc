package ichibyo.local.runtime.faults;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Draws the faults of {@link Faults} for the places every invocation passes through: the in-process Lambda
 * runtime (Step Functions tasks, SQS event source mappings, the HTTP API and local invokes alike) and the ECS
 * integration. Counts what it injected, by kind and function, so that a test can see the faults happened.
 */
public final class FaultInjector {

    /** What happens to one Lambda invocation. */
    public enum LambdaFault { NONE, SERVICE_EXCEPTION, TOO_MANY_REQUESTS, TIMEOUT }

    /** Injects nothing. */
    public static final FaultInjector NONE = new FaultInjector(Faults.NONE);

    private final Faults faults;
    private final Map<String, Random> streams = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();

    public FaultInjector(Faults faults) {
        this.faults = faults;
    }

    public Faults faults() {
        return faults;
    }

    /** The fault of the next invocation of {@code function}. */
    public LambdaFault nextLambda(String function) {
        if (faults.lambdaErrors() == 0 && faults.lambdaTimeouts() == 0) {
            return LambdaFault.NONE;
        }
        double draw = draw("lambda " + function);
        LambdaFault fault;
        if (draw < faults.lambdaErrors() / 2) {
            fault = LambdaFault.SERVICE_EXCEPTION;
        } else if (draw < faults.lambdaErrors()) {
            fault = LambdaFault.TOO_MANY_REQUESTS;
        } else if (draw < faults.lambdaErrors() + faults.lambdaTimeouts()) {
            fault = LambdaFault.TIMEOUT;
        } else {
            return LambdaFault.NONE;
        }
        count(fault.name(), function);
        return fault;
    }

    /** Whether the next RunTask of {@code family} fails. */
    public boolean nextEcsFails(String family) {
        if (faults.ecsErrors() == 0) {
            return false;
        }
        boolean fails = draw("ecs " + family) < faults.ecsErrors();
        if (fails) {
            count("ECS_RUN_TASK", family);
        }
        return fails;
    }

    /**
     * The next draw of {@code stream}'s own sequence: each function and each task family draws from a sequence of
     * its own, seeded from the seed and its name, so that its n-th invocation gets the same fault whatever the
     * others do (only its own concurrent invocations can swap draws).
     */
    private double draw(String stream) {
        Random random = streams.computeIfAbsent(stream,
                s -> new Random(new java.util.SplittableRandom(faults.seed() * 0x9E3779B97F4A7C15L + s.hashCode()).nextLong()));
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private void count(String kind, String target) {
        injected.computeIfAbsent(kind + " " + target, k -> new AtomicInteger()).incrementAndGet();
        injected.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    /** How many faults of {@code kind} ({@link LambdaFault} name or {@code ECS_RUN_TASK}) were injected. */
    public int injected(String kind) {
        AtomicInteger n = injected.get(kind);
        return n == null ? 0 : n.get();
    }

    /** How many faults of {@code kind} were injected into {@code target} (a function name or task family). */
    public int injected(String kind, String target) {
        return injected(kind + " " + target);
    }

    /** Every count: by kind ({@code TIMEOUT}) and by kind and target ({@code TIMEOUT score-media}), in name order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        injected.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** Every Lambda fault injected into {@code function}, whatever its kind. */
    public int injectedIntoFunction(String function) {
        return injected(LambdaFault.SERVICE_EXCEPTION.name(), function) + injected(LambdaFault.TOO_MANY_REQUESTS.name(), function)
                + injected(LambdaFault.TIMEOUT.name(), function);
    }
}
