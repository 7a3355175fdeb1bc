package ichibyo.local.runtime.s3events;

import ichibyo.app.ObjectCreatedNotification;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends S3 event notifications to SQS for the objects {@link NotifyingBlobStore} reports, as S3 does:
 * one message per matching configuration, sent after the write returns, retried until it is
 * delivered (at least once, never blocking the upload).
 */
public final class S3EventNotifications implements java.util.function.Consumer<ObjectCreated>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3EventNotifications.class.getName());

    private final List<ObjectCreatedNotification> notifications;
    private final SqsClient sqs;
    private final Function<String, String> queueUrls;
    private final String region;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "s3-event-notifications");
        t.setDaemon(true);
        return t;
    });
    // S3's sequencer orders events for one key; a clock-based counter keeps it increasing across restarts.
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    /**
     * @param queueUrls the URL of a queue of the description, by name
     */
    public S3EventNotifications(List<ObjectCreatedNotification> notifications, SqsClient sqs,
            Function<String, String> queueUrls, String region) {
        this.notifications = List.copyOf(notifications);
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.region = region;
    }

    /** Whether a notification applies: same bucket, key starts with the prefix, ends with the suffix (any case). */
    public static boolean matches(ObjectCreatedNotification n, String bucket, String key) {
        return n.bucket().equals(bucket)
                && key.startsWith(n.prefix() == null ? "" : n.prefix())
                && key.toLowerCase(Locale.ROOT).endsWith(n.suffix() == null ? "" : n.suffix().toLowerCase(Locale.ROOT));
    }

    @Override
    public void accept(ObjectCreated object) {
        String sequencer = String.format("%016X", sequence.incrementAndGet());
        for (ObjectCreatedNotification n : notifications) {
            if (matches(n, object.bucket(), object.key())) {
                String body = S3EventJson.toJson(object, region, configurationId(n), sequencer);
                sender.execute(() -> send(n.queue(), body));
            }
        }
    }

    private static String configurationId(ObjectCreatedNotification n) {
        return n.bucket() + "-" + n.prefix() + "*" + n.suffix() + "-to-" + n.queue();
    }

    private void send(String queue, String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                sqs.sendMessage(b -> b.queueUrl(queueUrls.apply(queue)).messageBody(body));
                return;
            } catch (RuntimeException e) {
                if (attempt >= 20 || sender.isShutdown()) {
                    LOG.log(Level.WARNING, "S3 event to queue " + queue + " lost after " + attempt + " attempts", e);
                    return;
                }
                try {
                    Thread.sleep(Math.min(5_000, 100L << Math.min(attempt, 6)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends what is pending, then stops. */
    @Override
    public void close() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }
}
