package ichibyo.tasks;

import ichibyo.core.Json;
import ichibyo.functions.Log;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Tells Step Functions how a {@code .waitForTaskToken} task is doing: a heartbeat while it works, then exactly
 * one SendTaskSuccess or SendTaskFailure (whichever comes first wins: the work's end, or an interruption).
 * Without a token ({@link #none()}) it sends nothing and the process's exit code is the only report.
 *
 * <p>When a heartbeat is refused because the token is dead (the state timed out, the execution stopped), the
 * work is worth nothing any more: {@code onAbandoned} runs, and nothing else is sent.
 */
public final class TaskReporter implements AutoCloseable {
    /** Step Functions' limits on SendTaskFailure. */
    static final int MAX_ERROR = 256;
    static final int MAX_CAUSE = 32768;

    private final SfnClient sfn;
    private final TaskToken token;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final CountDownLatch sent = new CountDownLatch(1);
    private volatile boolean abandoned;
    private volatile Thread heartbeats;

    public TaskReporter(SfnClient sfn, TaskToken token) {
        this.sfn = sfn;
        this.token = token;
    }

    /** A reporter for a task started without a token. */
    public static TaskReporter none() {
        return new TaskReporter(null, null);
    }

    public boolean hasToken() {
        return token != null;
    }

    /** Whether Step Functions no longer waits for this task (a heartbeat was refused). */
    public boolean abandoned() {
        return abandoned;
    }

    /** Beats now and then every {@link TaskToken#heartbeatInterval}, on a daemon thread, until a report or {@link #close}. */
    public void startHeartbeats(Runnable onAbandoned) {
        if (token == null || token.heartbeatInterval() == null) {
            return;
        }
        heartbeats = Thread.ofPlatform().daemon().name("task-heartbeat").start(() -> {
            while (!reported.get()) {
                try {
                    sfn.sendTaskHeartbeat(r -> r.taskToken(token.value()));
                } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
                    abandoned = true;
                    Log.warn("task abandoned: Step Functions no longer waits for it", "error", e.getClass().getSimpleName());
                    onAbandoned.run();
                    return;
                } catch (RuntimeException e) {
                    // A lost beat is survived (three fit in HeartbeatSeconds); the next one may pass.
                    Log.warn("heartbeat not sent", "error", e);
                }
                try {
                    Thread.sleep(token.heartbeatInterval());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Sends the result, unless a report went first. */
    public boolean succeed(String outputJson) {
        if (!claim()) {
            return false;
        }
        try {
            if (token != null) {
                sfn.sendTaskSuccess(r -> r.taskToken(token.value()).output(outputJson));
            }
            return true;
        } finally {
            sent.countDown();
        }
    }

    /** Sends the failure, unless a report went first. {@code cause} is cut to Step Functions' 32 768 characters. */
    public boolean fail(String error, String cause) {
        if (!claim()) {
            return false;
        }
        try {
            if (token != null) {
                sfn.sendTaskFailure(r -> r.taskToken(token.value()).error(cut(error, MAX_ERROR)).cause(cut(cause, MAX_CAUSE)));
            }
            return true;
        } finally {
            sent.countDown();
        }
    }

    /** The failure of {@code e} under {@code error}, its cause as Lambda writes one: {@code {"errorMessage", "errorType"}}. */
    public boolean fail(String error, Throwable e) {
        Map<String, String> cause = new LinkedHashMap<>();
        cause.put("errorMessage", String.valueOf(e.getMessage()));
        cause.put("errorType", error);
        if (e.getCause() != null) {
            cause.put("cause", e.getCause().toString());
        }
        try {
            return fail(error, Json.mapper().writeValueAsString(cause));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            return fail(error, String.valueOf(e.getMessage()));
        }
    }

    /** Waits for a report in flight (the interruption hook lets a result being sent arrive). */
    public boolean awaitReport(Duration limit) throws InterruptedException {
        return sent.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean claim() {
        if (abandoned || !reported.compareAndSet(false, true)) {
            return false;
        }
        Thread beats = heartbeats;
        if (beats != null) {
            beats.interrupt();
        }
        return true;
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Stops the heartbeats. */
    @Override
    public void close() {
        Thread beats = heartbeats;
        if (beats != null) {
            beats.interrupt();
        }
    }
}
