package ichibyo.sfn.error;


/** {@code States.IntrinsicFailure}: an intrinsic function failed on its arguments. */
public final class StatesIntrinsicFailure extends StatesError {
    public static final String NAME = "States.IntrinsicFailure";

    public StatesIntrinsicFailure(String cause) {
        super(NAME, cause, true);
    }
}
