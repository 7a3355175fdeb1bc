package ichibyo.local.runtime.lambda;

/**
 * Invokes a Lambda function of the app by name, synchronously (RequestResponse), with a JSON payload
 * as Lambda's Invoke API takes it. Event source mappings and the {@code invoke} command use it; the
 * implementation runs the same handler classes Lambda runs, in-process.
 */
@FunctionalInterface
public interface FunctionInvoker {

    Result invoke(String functionName, String payload) throws InterruptedException;

    /**
     * @param payload       the function's response, or Lambda's error object when {@code functionError} is set
     * @param functionError {@code Unhandled} when the function failed, else null
     */
    record Result(String payload, String functionError) {
        public boolean failed() {
            return functionError != null;
        }
    }
}
