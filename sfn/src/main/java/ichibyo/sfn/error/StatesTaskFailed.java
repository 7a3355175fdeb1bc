package ichibyo.sfn.error;


/** {@code States.TaskFailed}: a Task failed during execution. */
public final class StatesTaskFailed extends StatesError {
    public static final String NAME = "States.TaskFailed";

    public StatesTaskFailed(String cause) {
        super(NAME, cause, false);
    }
}
