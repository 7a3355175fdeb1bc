package ichibyo.sfn.error;


/** {@code States.BranchFailed}: a Parallel branch failed. */
public final class StatesBranchFailed extends StatesError {
    public static final String NAME = "States.BranchFailed";

    public StatesBranchFailed(String cause) {
        super(NAME, cause, false);
    }
}
