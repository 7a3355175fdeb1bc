package ichibyo.local.runtime;

import ichibyo.app.AppDescription;
import ichibyo.app.Function;
import ichibyo.local.runtime.lambda.FunctionInvoker;
import ichibyo.local.runtime.lambda.InProcessLambda;
import ichibyo.local.runtime.lambda.LambdaFunction;
import ichibyo.local.runtime.lambda.LambdaFunctionNotFoundException;
import ichibyo.local.runtime.lambda.LambdaInvocation;
import ichibyo.local.runtime.lambda.LambdaRegistry;
import ichibyo.local.runtime.lambda.LambdaServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The app's Lambda functions, registered for in-process invocation with their resolved environments. */
public final class LocalFunctions {

    private LocalFunctions() {}

    /**
     * Registers every described function. Handlers run in this JVM, whose environment is fixed, so
     * each function's variables are also set as system properties.
     */
    public static LambdaRegistry register(AppDescription app, LocalNames names, LambdaRegistry registry) {
        for (Function f : app.functions()) {
            Map<String, String> env = names.resolve(f.environment());
            registry.register(new LambdaFunction(f.name(), f.handler(), f.memoryMb(), f.timeout(), env));
            env.forEach(System::setProperty);
        }
        return registry;
    }

    /**
     * What the JVM that runs the handlers needs in its environment: the endpoints, region and
     * credentials, and every function's variables (Lambda gives each function its own; one JVM runs
     * them all, so a variable two functions set differently is an error).
     */
    public static Map<String, String> environment(AppDescription app, LocalNames names, Endpoints endpoints) {
        Map<String, String> env = new java.util.TreeMap<>(endpoints.environment());
        for (Function f : app.functions()) {
            names.resolve(f.environment()).forEach((k, v) -> {
                String before = env.put(k, v);
                if (before != null && !before.equals(v)) {
                    throw new IllegalStateException("functions disagree on " + k + ": " + before + " and " + v);
                }
            });
        }
        return env;
    }

    /** Names on a runtime whose endpoints are known (queue URLs as the SQS server forms them). */
    public static LocalNames names(Endpoints endpoints) {
        return new LocalNames(endpoints.region(), LocalNames.ACCOUNT, q -> endpoints.sqs() + "/" + LocalNames.ACCOUNT + "/" + q);
    }

    /** Synchronous (RequestResponse) invocations through {@code lambda}. */
    public static FunctionInvoker invoker(InProcessLambda lambda, LocalNames names) {
        return (function, payload) -> {
            try {
                LambdaInvocation result = lambda.invoke(function, payload.getBytes(StandardCharsets.UTF_8),
                        InProcessLambda.InvocationType.REQUEST_RESPONSE, names.region(), names.account());
                return new FunctionInvoker.Result(result.payloadAsString(), result.functionError());
            } catch (LambdaFunctionNotFoundException e) {
                throw new IllegalArgumentException("Function not found: " + e.functionArn(), e);
            } catch (LambdaServiceException e) {
                // The function did not run: its caller (an event source mapping, the HTTP API) sees a failure and tries again.
                com.fasterxml.jackson.databind.node.ObjectNode error = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                error.put("errorType", "Lambda." + e.errorCode());
                error.put("errorMessage", e.getMessage());
                return new FunctionInvoker.Result(error.toString(), "Unhandled");
            }
        };
    }
}
