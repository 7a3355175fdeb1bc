package ichibyo.functions.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import ichibyo.functions.score.ScoreMediaHandler;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * score-media in a fresh JVM, configured from the environment as on Lambda: the time from JVM
 * start to the handler constructed (init) and to the first record scored.
 * Arguments: bucket, key, ETag, size of an object already uploaded.
 */
public final class ColdStart {
    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainStart = System.currentTimeMillis();
        ScoreMediaHandler handler = new ScoreMediaHandler();
        long initialised = System.currentTimeMillis();
        String body = """
                {"Records":[{"eventName":"ObjectCreated:Put","eventTime":"2026-11-01T09:30:00.000Z",
                 "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","eTag":"%s","size":%s,"sequencer":"0A"}}}]}
                """.formatted(args[0], args[1], args[2], args[3]);
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("cold-start");
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        SQSBatchResponse response = handler.handleRequest(event, null);
        long scored = System.currentTimeMillis();
        message.setBody(body.replace("cold-start", "warm"));
        handler.handleRequest(event, null);
        long second = System.currentTimeMillis();
        if (!response.getBatchItemFailures().isEmpty()) {
            System.out.println("cold start: the record failed");
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "cold start, JVM start to main            %8d ms%n", mainStart - jvmStart);
        System.out.printf(Locale.ROOT, "cold start, JVM start to handler ready   %8d ms%n", initialised - jvmStart);
        System.out.printf(Locale.ROOT, "cold start, JVM start to first scored    %8d ms%n", scored - jvmStart);
        System.out.printf(Locale.ROOT, "cold start, first record alone           %8d ms%n", scored - initialised);
        System.out.printf(Locale.ROOT, "cold start, second record (warm-ish)     %8d ms%n", second - scored);
    }
}
