package ichibyo.sfn.error;

/**
 * An error raised while running a state: the {@code Error} and {@code Cause} that Retry/Catch match
 * and that end up in the history. Subclasses in {@code errors} are the {@code States.*} errors of the
 * specification; a Fail state or a failed task raises a plain StatesError with its own name.
 */
public class StatesError extends RuntimeException {
    private final String error;
    private final String cause;
    /** The cause is a detail that still needs AWS's "An error occurred while executing the state…" prefix. */
    private final boolean needsStatePrefix;

    public StatesError(String error, String cause) {
        this(error, cause, false);
    }

    protected StatesError(String error, String cause, boolean needsStatePrefix) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.needsStatePrefix = needsStatePrefix;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /** The same error with the state's name and entered event id in front of the cause, as AWS words it. */
    public StatesError inState(String stateName, long enteredEventId) {
        if (!needsStatePrefix) return this;
        return new StatesError(error, "An error occurred while executing the state '" + stateName
                + "' (entered at the event id #" + enteredEventId + "). " + cause);
    }

    /** Terminal errors that States.ALL does not match (the specification's States.Runtime and DataLimitExceeded). */
    public boolean terminal() {
        return "States.Runtime".equals(error) || "States.DataLimitExceeded".equals(error);
    }
}
