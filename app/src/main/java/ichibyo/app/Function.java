package ichibyo.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Lambda function (Java 21).
 *
 * @param handler the handler class name (as Lambda's {@code handler} setting, without {@code ::method})
 * @param environment variables set on the function; references resolve to physical names or endpoints
 */
public record Function(
        String name,
        String handler,
        int memoryMb,
        Duration timeout,
        Map<String, Ref> environment,
        List<SqsEventSource> eventSources) {

    public Function {
        environment = Map.copyOf(environment);
        eventSources = List.copyOf(eventSources);
    }

    /**
     * An SQS event source mapping. The function returns {@code batchItemFailures} when
     * {@code reportBatchItemFailures} is set (only those records are retried).
     */
    public record SqsEventSource(String queue, int batchSize, Duration maximumBatchingWindow, boolean reportBatchItemFailures) {}
}
