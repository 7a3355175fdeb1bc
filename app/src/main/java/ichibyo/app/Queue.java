package ichibyo.app;

import java.time.Duration;

/**
 * An SQS queue.
 *
 * @param deadLetter null when messages are never moved to a dead-letter queue
 */
public record Queue(String name, Duration visibilityTimeout, Duration retention, DeadLetter deadLetter) {

    /** Messages received {@code maxReceiveCount} times without being deleted move to {@code queue}. */
    public record DeadLetter(String queue, int maxReceiveCount) {}

    public static Queue deadLetterQueue(String name) {
        return new Queue(name, Duration.ofSeconds(30), Duration.ofDays(14), null);
    }
}
