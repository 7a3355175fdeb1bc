package ichibyo.sfn.error;


/** {@code States.Timeout}: a Task ran longer than TimeoutSeconds, or an execution longer than its TimeoutSeconds. */
public final class StatesTimeout extends StatesError {
    public static final String NAME = "States.Timeout";

    public StatesTimeout(String cause) {
        super(NAME, cause, false);
    }
}
