package ichibyo.sfn.error;


/** {@code States.HeartbeatTimeout}: a Task sent no heartbeat for longer than HeartbeatSeconds. */
public final class StatesHeartbeatTimeout extends StatesError {
    public static final String NAME = "States.HeartbeatTimeout";

    public StatesHeartbeatTimeout(String cause) {
        super(NAME, cause, false);
    }
}
