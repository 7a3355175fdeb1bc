package ichibyo.local.sfn.asl.errors;

import ichibyo.local.sfn.asl.StatesError;

/** {@code States.TaskFailed}: a Task failed during execution. */
public final class StatesTaskFailed extends StatesError {
    public static final String NAME = "States.TaskFailed";

    public StatesTaskFailed(String cause) {
        super(NAME, cause, false);
    }
}
