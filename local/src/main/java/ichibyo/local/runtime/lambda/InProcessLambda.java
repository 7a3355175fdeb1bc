package ichibyo.local.runtime.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.core.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import ichibyo.local.runtime.faults.FaultInjector;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Runs registered Lambda functions in this JVM the way Lambda runs them: one handler instance per warm
 * container (created on first use and reused by later invocations; concurrent invocations get containers of
 * their own), the payload through Lambda's serialisation, a {@code Context} with the request id and the time
 * left before the configured timeout, and failures reported as Lambda's Invoke API reports them
 * ({@code FunctionError: Unhandled} and the error object as the payload).
 *
 * <p>A handler exception gives {@code {"errorMessage","errorType","stackTrace"}} with the exception's class
 * name as {@code errorType}, as Lambda's Java runtime reports it. A timeout gives {@code Sandbox.Timedout}
 * and discards the container. A crash ({@link Error}, or a handler class that cannot be loaded or
 * instantiated) gives an error object without {@code errorType}, which Step Functions reports as
 * {@code Lambda.Unknown}, and discards the container.
 */
public final class InProcessLambda implements AutoCloseable {

    /** Lambda's {@code InvocationType}. */
    public enum InvocationType { REQUEST_RESPONSE, EVENT, DRY_RUN;
        public static InvocationType parse(String value) {
            if (value == null || value.isEmpty() || value.equals("RequestResponse")) {
                return REQUEST_RESPONSE;
            }
            return switch (value) {
                case "Event" -> EVENT;
                case "DryRun" -> DRY_RUN;
                default -> throw new IllegalArgumentException("Invalid InvocationType: " + value);
            };
        }
    }

    private static final int LOG_TAIL_BYTES = 4096;

    private final LambdaRegistry registry;
    private final ClassLoader classLoader;
    private final Consumer<String> logSink;
    private final AwsCredentialsProvider credentials;
    private final FaultInjector faults;
    private final Map<String, Deque<Container>> idle = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        // An 8 MB stack, as the main thread that Lambda's runtime runs a handler on has; native
        // libraries such as ONNX Runtime crash the JVM on the 1 MB default of other threads.
        Thread t = new Thread(null, r, "lambda-" + threads.incrementAndGet(), 8L << 20);
        t.setDaemon(true);
        return t;
    });

    private record Container(String id, String handler, HandlerAdapter adapter) {}

    /**
     * @param registry    the functions
     * @param classLoader loads the handler classes
     * @param logSink     receives every log line of every function, prefixed with the function name
     */
    public InProcessLambda(LambdaRegistry registry, ClassLoader classLoader, Consumer<String> logSink) {
        this(registry, classLoader, logSink, null);
    }

    /**
     * @param credentials what each function gets as {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} (and
     *                    {@code AWS_SESSION_TOKEN}) in its environment, as Lambda gives a function its role's
     *                    credentials; null for none
     */
    public InProcessLambda(LambdaRegistry registry, ClassLoader classLoader, Consumer<String> logSink, AwsCredentialsProvider credentials) {
        this(registry, classLoader, logSink, credentials, FaultInjector.NONE);
    }

    /** @param faults the transient failures to inject into invocations ({@link FaultInjector#NONE} for none) */
    public InProcessLambda(LambdaRegistry registry, ClassLoader classLoader, Consumer<String> logSink, AwsCredentialsProvider credentials,
            FaultInjector faults) {
        this.registry = Objects.requireNonNull(registry);
        this.classLoader = classLoader == null ? InProcessLambda.class.getClassLoader() : classLoader;
        this.logSink = logSink == null ? line -> { } : logSink;
        this.credentials = credentials;
        this.faults = faults == null ? FaultInjector.NONE : faults;
    }

    /** Functions from {@code registry}, handler classes from this class's loader, logs to standard error. */
    public InProcessLambda(LambdaRegistry registry) {
        this(registry, null, System.err::println);
    }

    public LambdaRegistry registry() {
        return registry;
    }

    /**
     * Invokes a function as Lambda's Invoke API does.
     *
     * @param functionName a name, name:qualifier, ARN or partial ARN
     * @param payload      the JSON payload bytes
     * @throws LambdaFunctionNotFoundException no such function
     * @throws LambdaServiceException          Lambda's API refused the invocation (an injected fault); the function did not run
     * @throws InterruptedException            the calling thread was interrupted; the invocation is interrupted too
     */
    public LambdaInvocation invoke(String functionName, byte[] payload, InvocationType type, String region, String accountId)
            throws LambdaFunctionNotFoundException, LambdaServiceException, InterruptedException {
        LambdaRegistry.FunctionReference ref = LambdaRegistry.parse(functionName).orElse(null);
        String arnRegion = ref != null && ref.region() != null ? ref.region() : region;
        String arnAccount = ref != null && ref.accountId() != null ? ref.accountId() : accountId;
        String name = ref == null ? functionName : ref.name();
        String qualifier = ref == null ? null : ref.qualifier();
        String unqualifiedArn = "arn:aws:lambda:" + arnRegion + ":" + arnAccount + ":function:" + name;
        LambdaFunction function = ref == null ? null : registry.resolve(functionName).orElse(null);
        if (function == null) {
            throw new LambdaFunctionNotFoundException(qualifier == null ? unqualifiedArn : unqualifiedArn + ":" + qualifier);
        }
        String invokedArn = qualifier == null ? unqualifiedArn : unqualifiedArn + ":" + qualifier;
        String version = qualifier != null && qualifier.chars().allMatch(Character::isDigit) ? qualifier : "$LATEST";
        String requestId = UUID.randomUUID().toString();
        byte[] input = payload == null || payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
        FaultInjector.LambdaFault fault = type == InvocationType.DRY_RUN ? FaultInjector.LambdaFault.NONE : faults.nextLambda(function.name());
        switch (fault) {
            case SERVICE_EXCEPTION -> throw new LambdaServiceException("ServiceException", 500,
                    "Lambda encountered an internal error (injected fault) (Service: AWSLambda; Status Code: 500; Error Code: ServiceException; "
                            + "Request ID: " + requestId + "; Proxy: null)");
            case TOO_MANY_REQUESTS -> throw new LambdaServiceException("TooManyRequestsException", 429,
                    "Rate Exceeded. (injected fault) (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; "
                            + "Request ID: " + requestId + "; Proxy: null)");
            default -> { }
        }
        boolean timesOut = fault == FaultInjector.LambdaFault.TIMEOUT;
        switch (type) {
            case DRY_RUN:
                return new LambdaInvocation(requestId, version, 204, new byte[0], null, "");
            case EVENT:
                executor.submit(() -> {
                    try {
                        return run(function, requestId, version, invokedArn, input, timesOut);
                    } catch (InterruptedException e) {
                        return null;
                    }
                });
                return new LambdaInvocation(requestId, version, 202, new byte[0], null, "");
            default:
                // The caller waits (and times out) here; only the handler runs on a thread of its own.
                return run(function, requestId, version, invokedArn, input, timesOut);
        }
    }

    /** @param timesOut an injected timeout: the handler runs to its end, then the invocation is reported timed out */
    private LambdaInvocation run(LambdaFunction function, String requestId, String version, String invokedArn, byte[] payload,
            boolean timesOut) throws InterruptedException {
        StringBuilder log = new StringBuilder();
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                synchronized (log) {
                    log.append(message);
                    if (log.length() > 4 * LOG_TAIL_BYTES) {
                        log.delete(0, log.length() - LOG_TAIL_BYTES);
                    }
                }
                logSink.accept("[" + function.name() + "] " + message.stripTrailing());
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
        Container container;
        try {
            container = takeContainer(function, invokedArn);
        } catch (Throwable t) {
            logger.log(initErrorMessage(t) + "\n");
            return crash(requestId, version, "RequestId: " + requestId + " Error: Runtime exited with error: " + describe(t), log);
        }
        Instant start = Instant.now();
        Instant deadline = start.plus(function.timeout());
        LambdaContext context = new LambdaContext(requestId, function, version, invokedArn, deadline, logger, container.id());
        logger.log("START RequestId: " + requestId + " Version: " + version + "\n");
        Future<byte[]> call = executor.submit(() -> {
            try {
                return container.adapter().invoke(payload, context);
            } catch (Exception | Error e) {
                throw new HandlerFailure(e);
            } catch (Throwable t) {
                throw new HandlerFailure(t);
            }
        });
        try {
            byte[] result = call.get(function.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (timesOut) {
                // As if its time ran out just before it returned: what it did stays done, its result is lost.
                throw new TimeoutException("injected fault");
            }
            logger.log("END RequestId: " + requestId + "\n");
            release(function, container);
            return new LambdaInvocation(requestId, version, 200, result, null, tail(log));
        } catch (TimeoutException e) {
            call.cancel(true);
            String seconds = String.format(Locale.ROOT, "%.2f", function.timeout().toMillis() / 1000.0);
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("errorMessage", "RequestId: " + requestId + " Error: Task timed out after " + seconds + " seconds");
            error.put("errorType", "Sandbox.Timedout");
            logger.log("END RequestId: " + requestId + "\n");
            return new LambdaInvocation(requestId, version, 200, bytes(error), "Unhandled", tail(log));
        } catch (InterruptedException e) {
            // StopExecution or the state's timeout: the invocation is abandoned, its container too.
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable failure = e.getCause() instanceof HandlerFailure hf ? hf.getCause() : e.getCause();
            logger.log("END RequestId: " + requestId + "\n");
            if (failure instanceof Error) {
                // The runtime process dies with the error: the container is gone.
                return crash(requestId, version, "RequestId: " + requestId + " Error: Runtime exited with error: " + describe(failure), log);
            }
            release(function, container);
            return new LambdaInvocation(requestId, version, 200, bytes(errorObject(failure)), "Unhandled", tail(log));
        }
    }

    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Throwable cause) {
            super(cause);
        }
    }

    private Container takeContainer(LambdaFunction function, String invokedArn) throws ReflectiveOperationException {
        Deque<Container> pool = idle.computeIfAbsent(function.name(), k -> new ConcurrentLinkedDeque<>());
        Container c;
        while ((c = pool.pollFirst()) != null) {
            if (c.handler().equals(function.handler())) {
                return c;
            }
        }
        try {
            return new Container(UUID.randomUUID().toString().replace("-", ""), function.handler(),
                    HandlerAdapter.load(function.handler(), classLoader, environment(function, invokedArn, credentials)));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new ReflectiveOperationException(e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * The environment a function sees on Lambda: this process's environment, Lambda's reserved variables (its
     * credentials among them), then the function's own variables.
     */
    static Map<String, String> environment(LambdaFunction function, String invokedArn, AwsCredentialsProvider credentials) {
        Map<String, String> env = new java.util.LinkedHashMap<>(System.getenv());
        String region = invokedArn.split(":")[3];
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("_HANDLER", function.handler());
        if (credentials != null) {
            AwsCredentials c = credentials.resolveCredentials();
            env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
            if (c instanceof AwsSessionCredentials session) {
                env.put("AWS_SESSION_TOKEN", session.sessionToken());
            } else {
                env.remove("AWS_SESSION_TOKEN");
            }
        }
        env.putAll(function.environment());
        return Map.copyOf(env);
    }

    private void release(LambdaFunction function, Container container) {
        idle.computeIfAbsent(function.name(), k -> new ConcurrentLinkedDeque<>()).addFirst(container);
    }

    private static LambdaInvocation crash(String requestId, String version, String message, StringBuilder log) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("errorMessage", message);
        return new LambdaInvocation(requestId, version, 200, bytes(error), "Unhandled", tail(log));
    }

    private static String initErrorMessage(Throwable t) {
        return "INIT_REPORT Status: error Error Type: Runtime.Unknown " + describe(t);
    }

    private static String describe(Throwable t) {
        Throwable root = t instanceof ReflectiveOperationException && t.getCause() != null ? t.getCause() : t;
        return root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The error object of Lambda's Java runtime for an uncaught exception. */
    static ObjectNode errorObject(Throwable t) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (t.getMessage() != null) {
            node.put("errorMessage", t.getMessage());
        }
        node.put("errorType", t.getClass().getName());
        ArrayNode trace = node.putArray("stackTrace");
        for (StackTraceElement e : userFrames(t.getStackTrace())) {
            String where = e.getFileName() == null ? "Unknown Source"
                    : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
            trace.add(e.getClassName() + "." + e.getMethodName() + "(" + where + ")");
        }
        if (t.getCause() != null && t.getCause() != t) {
            node.set("cause", errorObject(t.getCause()));
        }
        return node;
    }

    /** The frames above the runtime's call of the handler, as Lambda's runtime shows them (its own frames cut off). */
    private static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int end = frames.length;
        for (int i = 0; i < frames.length; i++) {
            String c = frames[i].getClassName();
            if (c.startsWith("jdk.internal.reflect.") || c.equals("java.lang.reflect.Method")
                    || c.startsWith(HandlerAdapter.class.getName())) {
                end = i;
                break;
            }
        }
        return Arrays.asList(frames).subList(0, end);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(StringBuilder log) {
        synchronized (log) {
            byte[] all = log.toString().getBytes(StandardCharsets.UTF_8);
            int from = Math.max(0, all.length - LOG_TAIL_BYTES);
            return Base64.getEncoder().encodeToString(Arrays.copyOfRange(all, from, all.length));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        idle.clear();
    }
}
