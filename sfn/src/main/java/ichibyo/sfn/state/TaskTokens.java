package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.error.StatesError;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The open task tokens of {@code .waitForTaskToken} tasks, completed by SendTaskSuccess/Failure/Heartbeat. */
public final class TaskTokens {

    /** A task waiting for its token. */
    public static final class Pending {
        private final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        private volatile long lastHeartbeatNanos = System.nanoTime();

        /** Completed by SendTaskSuccess, or exceptionally by SendTaskFailure. */
        public CompletableFuture<JsonNode> result() {
            return result;
        }

        public void heartbeat() {
            lastHeartbeatNanos = System.nanoTime();
        }

        public long lastHeartbeatNanos() {
            return lastHeartbeatNanos;
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public String open() {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        pending.put(token, new Pending());
        return token;
    }

    public Pending get(String token) {
        return pending.get(token);
    }

    public void close(String token) {
        pending.remove(token);
    }

    /** @return false if the token is unknown or no longer open */
    public boolean succeed(String token, JsonNode output) {
        Pending p = pending.get(token);
        return p != null && p.result.complete(output);
    }

    public boolean fail(String token, String error, String cause) {
        Pending p = pending.get(token);
        return p != null && p.result.completeExceptionally(new StatesError(error, cause));
    }

    public boolean heartbeat(String token) {
        Pending p = pending.get(token);
        if (p == null) return false;
        p.heartbeat();
        return true;
    }
}
