package ichibyo.functions.aws;

import ichibyo.functions.TransientFailureException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Sorts AWS SDK failures into those worth retrying (thrown as {@link TransientFailureException}) and the rest. */
public final class AwsFailures {
    private AwsFailures() {}

    /** Whether a retry may succeed: client-side failures (timeouts, connections), throttling, 5xx. */
    public static boolean isTransient(SdkException e) {
        if (e instanceof SdkClientException || e.retryable()) {
            return true;
        }
        if (e instanceof AwsServiceException s) {
            return s.isThrottlingException() || s.statusCode() >= 500 || s.statusCode() == 429;
        }
        return false;
    }

    /**
     * A connection dropped mid-transfer (a {@code SocketException} such as "Unexpected end of file from server", or a
     * socket timeout) that left the SDK's HTTP client as an {@link UncheckedIOException}, past the SDK's own retries:
     * a {@link TransientFailureException}, which the definitions retry. Any other I/O failure stays itself.
     */
    public static RuntimeException classify(UncheckedIOException e) {
        return e.getCause() instanceof SocketException || e.getCause() instanceof SocketTimeoutException
                ? new TransientFailureException(e.getMessage(), e) : e;
    }

    /** {@code e} as a {@link TransientFailureException} when it is transient, else itself. */
    public static RuntimeException classify(SdkException e) {
        return isTransient(e) ? new TransientFailureException(e.getMessage(), e) : e;
    }
}
