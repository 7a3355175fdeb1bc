package ichibyo.sfn.backend;

/** The status of an execution, as DescribeExecution reports it, with the history event that closes it. */
public enum ExecutionStatus {
    RUNNING(null, null),
    SUCCEEDED("ExecutionSucceeded", "executionSucceededEventDetails"),
    FAILED("ExecutionFailed", "executionFailedEventDetails"),
    TIMED_OUT("ExecutionTimedOut", "executionTimedOutEventDetails"),
    ABORTED("ExecutionAborted", "executionAbortedEventDetails");

    private final String closingEvent;
    private final String detailsKey;

    ExecutionStatus(String closingEvent, String detailsKey) {
        this.closingEvent = closingEvent;
        this.detailsKey = detailsKey;
    }

    /** The history event type that ends an execution with this status (null for RUNNING). */
    public String closingEvent() {
        return closingEvent;
    }

    /** The key of that event's details, e.g. {@code executionFailedEventDetails}. */
    public String detailsKey() {
        return detailsKey;
    }

    /** The status a closing history event stands for, or null for any other event. */
    public static ExecutionStatus closedBy(String eventType) {
        for (ExecutionStatus s : values()) if (eventType.equals(s.closingEvent)) return s;
        return null;
    }
}
