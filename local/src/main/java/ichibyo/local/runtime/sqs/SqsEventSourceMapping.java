package ichibyo.local.runtime.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.app.Function.SqsEventSource;
import ichibyo.core.Json;
import ichibyo.local.runtime.lambda.FunctionInvoker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Polls a queue and invokes a function with batches of its messages, as Lambda's SQS event source
 * mapping does: up to {@code batchSize} messages, gathered for at most the batching window; on
 * success the batch is deleted; on a function error nothing is deleted and the messages come back
 * after the queue's visibility timeout; with {@code reportBatchItemFailures}, only the records named
 * in {@code batchItemFailures} come back. After the queue's maxReceiveCount, SQS itself (the redrive
 * policy) moves a message to the dead-letter queue.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SqsEventSourceMapping.class.getName());
    private static final ObjectMapper JSON = Json.mapper();

    private final String function;
    private final SqsEventSource source;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final SqsClient sqs;
    private final FunctionInvoker invoker;
    private final Thread poller;
    private volatile boolean running = true;

    public SqsEventSourceMapping(String function, SqsEventSource source, String queueUrl, String queueArn, String region,
            SqsClient sqs, FunctionInvoker invoker) {
        this.function = function;
        this.source = source;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.sqs = sqs;
        this.invoker = invoker;
        this.poller = Thread.ofPlatform().daemon().name("esm-" + source.queue() + "-to-" + function).unstarted(this::poll);
    }

    public SqsEventSourceMapping start() {
        poller.start();
        return this;
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = nextBatch();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "polling " + source.queue() + " for " + function + " failed; retrying", e);
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    /** Messages until the batch is full or the batching window, started at the first message, has passed. */
    private List<Message> nextBatch() throws InterruptedException {
        List<Message> batch = new ArrayList<>();
        Duration window = source.maximumBatchingWindow() == null ? Duration.ZERO : source.maximumBatchingWindow();
        long windowEnds = Long.MAX_VALUE;
        while (running && batch.size() < source.batchSize()) {
            long left = windowEnds - System.nanoTime();
            if (!batch.isEmpty() && left <= 0) {
                break;
            }
            // Short long-polls when idle so that close() is prompt; within a window, wait for its end.
            int waitSeconds = batch.isEmpty() ? 1 : (int) Math.min(20, Duration.ofNanos(left).toSeconds());
            int max = Math.min(10, source.batchSize() - batch.size());
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty() && !received.isEmpty()) {
                windowEnds = System.nanoTime() + window.toNanos();
            }
            batch.addAll(received);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (!batch.isEmpty() && (received.isEmpty() || window.isZero())) {
                break;
            }
        }
        return batch;
    }

    private void deliver(List<Message> batch) throws InterruptedException {
        FunctionInvoker.Result result = invoker.invoke(function, SqsEventJson.toJson(batch, queueArn, region));
        if (result.failed()) {
            LOG.info(() -> function + " failed on a batch of " + batch.size() + " from " + source.queue()
                    + "; the messages return after the visibility timeout: " + result.payload());
            return;
        }
        Set<String> failed = source.reportBatchItemFailures() ? failedItems(result.payload(), batch) : Set.of();
        List<Message> done = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
        for (int i = 0; i < done.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> entries = done.subList(i, Math.min(done.size(), i + 10)).stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList();
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    /**
     * The message ids in a partial batch response. As Lambda does, a response that names an unknown
     * or empty id fails the whole batch; an empty list or no response means all succeeded.
     */
    static Set<String> failedItems(String payload, List<Message> batch) {
        Set<String> all = new HashSet<>();
        batch.forEach(m -> all.add(m.messageId()));
        JsonNode response;
        try {
            response = payload == null || payload.isBlank() ? null : JSON.readTree(payload);
        } catch (Exception e) {
            return Set.of();
        }
        if (response == null || !response.path("batchItemFailures").isArray()) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode f : response.get("batchItemFailures")) {
            String id = f.path("itemIdentifier").asText("");
            if (id.isEmpty() || !all.contains(id)) {
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(Duration.ofSeconds(3));
        if (poller.isAlive()) {
            poller.interrupt();
            poller.join(Duration.ofSeconds(2));
        }
    }
}
