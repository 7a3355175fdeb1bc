package ichibyo.sfn.error;


/** {@code States.QueryEvaluationError}: a JSONata expression failed, returned nothing, or returned the wrong type. */
public final class StatesQueryEvaluationError extends StatesError {
    public static final String NAME = "States.QueryEvaluationError";

    public StatesQueryEvaluationError(String cause) {
        super(NAME, cause, true);
    }
}
