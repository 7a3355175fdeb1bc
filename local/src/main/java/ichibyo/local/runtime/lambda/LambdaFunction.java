package ichibyo.local.runtime.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A Lambda function as the emulator runs it: in-process, from the same handler class Lambda runs.
 *
 * @param name        the function name, e.g. {@code score-media}
 * @param handler     the handler as Lambda's Java runtime names it: {@code com.example.Handler} (a
 *                    {@code RequestHandler} or {@code RequestStreamHandler}) or {@code com.example.Handler::method}
 * @param memoryMb    the configured memory, reported by {@code Context.getMemoryLimitInMB()}
 * @param timeout     the configured timeout; a longer invocation fails with {@code Sandbox.Timedout}
 * @param environment the function's environment variables: a handler class with a public {@code (Map<String, String>)}
 *                    constructor receives them (over this process's environment and Lambda's reserved variables);
 *                    {@code System.getenv()} inside an in-process handler is the emulator's
 */
public record LambdaFunction(String name, String handler, int memoryMb, Duration timeout, Map<String, String> environment) {

    public static final int DEFAULT_MEMORY_MB = 512;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public LambdaFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        if (memoryMb <= 0) {
            memoryMb = DEFAULT_MEMORY_MB;
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** A function with Lambda's default memory (512 MB here) and timeout (3 s). */
    public static LambdaFunction of(String name, String handler) {
        return new LambdaFunction(name, handler, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Map.of());
    }

    public LambdaFunction withTimeout(Duration newTimeout) {
        return new LambdaFunction(name, handler, memoryMb, newTimeout, environment);
    }

    public LambdaFunction withMemory(int newMemoryMb) {
        return new LambdaFunction(name, handler, newMemoryMb, timeout, environment);
    }
}
