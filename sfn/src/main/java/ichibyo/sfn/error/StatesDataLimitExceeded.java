package ichibyo.sfn.error;


/** {@code States.DataLimitExceeded}: a state's result or an execution's input is larger than 256 KiB. */
public final class StatesDataLimitExceeded extends StatesError {
    public static final String NAME = "States.DataLimitExceeded";

    public StatesDataLimitExceeded(String cause) {
        super(NAME, cause, false);
    }
}
