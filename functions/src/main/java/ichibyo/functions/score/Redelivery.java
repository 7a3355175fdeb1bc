package ichibyo.functions.score;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import ichibyo.core.retry.RetryBackoff;
import ichibyo.functions.Log;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Brings a message this function could not handle back soon rather than after the queue's visibility
 * timeout (six times the function timeout, as Lambda advises: twelve minutes for score-media): its
 * visibility is set to a backoff by how often it was received, so a failure that passes (a conflicting
 * write, a connection dropped) costs seconds, and one that does not still reaches the dead-letter queue
 * after maxReceiveCount receives. Lambda's event source mapping leaves a message's visibility as the
 * function set it.
 */
final class Redelivery {
    /** 10, 20, 40, 80 s on average for the 2nd to 5th receive; a whole batch that failed still waits the full timeout. */
    static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    private final SqsClient sqs;
    private final String queueUrl;
    private final RetryBackoff backoff;

    private Redelivery(SqsClient sqs, String queueUrl, RetryBackoff backoff) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoff = backoff;
    }

    /** Redelivery through {@code queueUrl} (the queue the messages come from) after {@link #BACKOFF}. */
    static Redelivery through(SqsClient sqs, String queueUrl) {
        return through(sqs, queueUrl, BACKOFF);
    }

    static Redelivery through(SqsClient sqs, String queueUrl, RetryBackoff backoff) {
        return new Redelivery(sqs, queueUrl, backoff);
    }

    /** None: a failed message returns after the queue's visibility timeout. */
    static Redelivery afterVisibilityTimeout() {
        return new Redelivery(null, null, BACKOFF);
    }

    /** Makes {@code message} visible again after the backoff of its receive count; on an error, it returns after the timeout. */
    void soon(SQSEvent.SQSMessage message) {
        if (sqs == null) {
            return;
        }
        Duration wait = backoff.after(receiveCount(message), ThreadLocalRandom.current()::nextDouble);
        try {
            sqs.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
                    .visibilityTimeout((int) Math.max(1, wait.toSeconds())));
        } catch (SdkException e) {
            Log.warn("could not bring the message back early; it returns after the visibility timeout",
                    "messageId", message.getMessageId(), "error", e);
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
