package ichibyo.local.runtime.lambda;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of one invocation, as Lambda's Invoke API reports it.
 *
 * @param requestId       the invocation's request id ({@code Context.getAwsRequestId()})
 * @param executedVersion the version that ran ({@code $LATEST}, or the numeric version that was asked for)
 * @param statusCode      200 (RequestResponse), 202 (Event) or 204 (DryRun)
 * @param payload         the function's response, or the error object when {@code functionError} is set
 * @param functionError   {@code Unhandled} when the function failed, else null
 * @param logTail         the last 4 KB of the log of this invocation, base64-encoded (Invoke's {@code LogResult})
 */
public record LambdaInvocation(
        String requestId, String executedVersion, int statusCode, byte[] payload, String functionError, String logTail) {

    public boolean failed() {
        return functionError != null;
    }

    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
