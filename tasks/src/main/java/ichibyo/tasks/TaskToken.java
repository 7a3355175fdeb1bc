package ichibyo.tasks;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The task token of an {@code ecs:runTask.waitForTaskToken} state, and how often to prove the task alive.
 * The state passes both through {@code ContainerOverrides[].Environment}: {@code TASK_TOKEN}
 * ({@code $states.context.Task.Token}) and {@code HEARTBEAT_SECONDS} (the state's {@code HeartbeatSeconds}).
 *
 * @param heartbeatInterval a third of the state's HeartbeatSeconds (a lost or late beat is survived), at least
 *                          one second; {@code null} when the state sets no heartbeat
 */
public record TaskToken(String value, Duration heartbeatInterval) {
    public static final String TOKEN_VARIABLE = "TASK_TOKEN";
    public static final String HEARTBEAT_VARIABLE = "HEARTBEAT_SECONDS";

    /** The token in the environment; empty for a task started without one (request-response or .sync). */
    public static Optional<TaskToken> fromEnvironment(Map<String, String> environment) {
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String heartbeat = environment.get(HEARTBEAT_VARIABLE);
        Duration interval = null;
        if (heartbeat != null && !heartbeat.isBlank()) {
            long seconds;
            try {
                seconds = Long.parseLong(heartbeat.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(HEARTBEAT_VARIABLE + " must be a whole number of seconds, not " + heartbeat);
            }
            if (seconds <= 0) {
                throw new IllegalArgumentException(HEARTBEAT_VARIABLE + " must be positive, not " + heartbeat);
            }
            interval = Duration.ofMillis(Math.max(1000, seconds * 1000 / 3));
        }
        return Optional.of(new TaskToken(token, interval));
    }

    @Override
    public String toString() {
        // A token is a credential of sorts (whoever holds it completes the state): never logged whole.
        return "TaskToken[" + value.substring(0, Math.min(8, value.length())) + "…, heartbeat every " + heartbeatInterval + "]";
    }
}
