package ichibyo.sfn.error;


/** {@code States.ExceedToleratedFailureThreshold}: a Distributed Map had more failed items than ToleratedFailureCount/Percentage allow. */
public final class StatesExceedToleratedFailureThreshold extends StatesError {
    public static final String NAME = "States.ExceedToleratedFailureThreshold";

    public StatesExceedToleratedFailureThreshold(String cause) {
        super(NAME, cause, false);
    }
}
