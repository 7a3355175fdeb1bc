package ichibyo.local.sfn.integration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Small handlers that the Lambda runner tests run in-process, as Lambda would run them. */
public final class TestHandlers {
    private TestHandlers() {}

    /** A Map handler that reports its context and how many times this instance was invoked. */
    public static final class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        private int invocations;

        public Greeter() {
            INSTANCES.incrementAndGet();
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            invocations++;
            context.getLogger().log("greeting " + input.get("name"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("greeting", "hello " + input.get("name"));
            out.put("requestId", context.getAwsRequestId());
            out.put("functionName", context.getFunctionName());
            out.put("functionArn", context.getInvokedFunctionArn());
            out.put("memory", context.getMemoryLimitInMB());
            out.put("hasTimeLeft", context.getRemainingTimeInMillis() > 0);
            out.put("invocationsOfThisInstance", invocations);
            return out;
        }
    }

    public record Order(String orderId, int quantity) {}

    public record Receipt(String orderId, int total) {}

    /** A record in, a record out. */
    public static final class Pricer implements RequestHandler<Order, Receipt> {
        @Override
        public Receipt handleRequest(Order order, Context context) {
            return new Receipt(order.orderId(), order.quantity() * 5);
        }
    }

    /** Raw bytes in and out. */
    public static final class Shouter implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            out.write(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An aws-lambda-java-events type in. */
    public static final class QueueReader implements RequestHandler<SQSEvent, String> {
        @Override
        public String handleRequest(SQSEvent event, Context context) {
            SQSEvent.SQSMessage first = event.getRecords().getFirst();
            return event.getRecords().size() + ":" + first.getBody() + ":" + first.getEventSourceArn();
        }
    }

    public static final class Failing implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            throw new IllegalStateException("bad media: " + input.get("key"));
        }
    }

    public static final class StackOverflowing implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            return recurse(0);
        }

        private String recurse(int depth) {
            return recurse(depth + 1) + depth;
        }
    }

    public static final class Sleeping implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "woke";
        }
    }

    /** Takes its configuration from the function's environment, through the constructor the emulator calls. */
    public static final class Configured implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final Map<String, String> env;

        public Configured() {
            this(System.getenv());
        }

        public Configured(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            return Map.of("table", env.get("TABLE_NAME"), "function", env.get("AWS_LAMBDA_FUNCTION_NAME"),
                    "region", env.get("AWS_REGION"));
        }
    }

    /** Counts its runs; returns its environment's credentials (as Lambda gives a function its role's). */
    public static final class Counting implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        public static final AtomicInteger RUNS = new AtomicInteger();
        private final Map<String, String> env;

        public Counting(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            RUNS.incrementAndGet();
            return Map.of("accessKeyId", String.valueOf(env.get("AWS_ACCESS_KEY_ID")),
                    "secretAccessKey", String.valueOf(env.get("AWS_SECRET_ACCESS_KEY")));
        }
    }

    /** Signals that it runs, then blocks until interrupted; records that it was. */
    public static final class Blocking implements RequestHandler<Map<String, Object>, String> {
        static final java.util.concurrent.CountDownLatch STARTED = new java.util.concurrent.CountDownLatch(1);
        static final java.util.concurrent.CountDownLatch INTERRUPTED = new java.util.concurrent.CountDownLatch(1);

        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            STARTED.countDown();
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                INTERRUPTED.countDown();
            }
            return "stopped";
        }
    }

    /** A plain class with a named handler method, {@code Class::method}. */
    public static final class Plain {
        public Map<String, Object> twice(Map<String, Object> input) {
            return Map.of("twice", ((Number) input.get("n")).intValue() * 2);
        }
    }
}
