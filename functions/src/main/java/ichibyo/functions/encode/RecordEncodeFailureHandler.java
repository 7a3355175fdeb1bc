package ichibyo.functions.encode;

import java.util.Map;

/**
 * record-encode-failure: the failure path's entry in the work log: the job FAILED with the error and cause it
 * failed with (after the steps' retries). A job that failed before it had an id (no master, a bad request) has
 * no record to write. Input {@code {jobId, error, cause}}.
 */
public final class RecordEncodeFailureHandler extends EncodeStepHandler<RecordEncodeFailureHandler.Failure, RecordEncodeFailureHandler.Recorded> {

    public record Failure(String jobId, String error, String cause) {}

    public record Recorded(String jobId, boolean recorded) {}

    public RecordEncodeFailureHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public RecordEncodeFailureHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    RecordEncodeFailureHandler(EncodeSteps steps, Map<String, String> env) {
        super(Failure.class, "record-encode-failure", "record-encode-failure-job-failed.json", steps, env);
    }

    @Override
    protected Recorded handle(Failure in) {
        if (in.jobId() == null) {
            return new Recorded(null, false);
        }
        steps.workLog().jobEnded(in.jobId(), "FAILED", in.error() == null ? "States.Unknown" : in.error(), in.cause());
        return new Recorded(in.jobId(), true);
    }
}
