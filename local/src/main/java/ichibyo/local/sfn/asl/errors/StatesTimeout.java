package ichibyo.local.sfn.asl.errors;

import ichibyo.local.sfn.asl.StatesError;

/** {@code States.Timeout}: a Task ran longer than TimeoutSeconds, or an execution longer than its TimeoutSeconds. */
public final class StatesTimeout extends StatesError {
    public static final String NAME = "States.Timeout";

    public StatesTimeout(String cause) {
        super(NAME, cause, false);
    }
}
