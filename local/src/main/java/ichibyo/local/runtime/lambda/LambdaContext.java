package ichibyo.local.runtime.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The {@link Context} of one in-process invocation, with Lambda's names and the remaining time of the timeout. */
final class LambdaContext implements Context {
    private final String requestId;
    private final LambdaFunction function;
    private final String version;
    private final String invokedArn;
    private final Instant deadline;
    private final LambdaLogger logger;
    private final String logStream;

    LambdaContext(String requestId, LambdaFunction function, String version, String invokedArn, Instant deadline,
            LambdaLogger logger, String containerId) {
        this.requestId = requestId;
        this.function = function;
        this.version = version;
        this.invokedArn = invokedArn;
        this.deadline = deadline;
        this.logger = logger;
        this.logStream = LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[" + version + "]" + containerId;
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + function.name(); }
    @Override public String getLogStreamName() { return logStream; }
    @Override public String getFunctionName() { return function.name(); }
    @Override public String getFunctionVersion() { return version; }
    @Override public String getInvokedFunctionArn() { return invokedArn; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getMemoryLimitInMB() { return function.memoryMb(); }
    @Override public LambdaLogger getLogger() { return logger; }

    @Override
    public int getRemainingTimeInMillis() {
        long left = deadline.toEpochMilli() - System.currentTimeMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }
}
