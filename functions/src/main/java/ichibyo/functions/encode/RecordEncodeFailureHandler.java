package ichibyo.functions.encode;

import java.util.Map;
import java.util.Optional;

/**
 * record-encode-failure: the failure path's entry in the work log: the job FAILED with the error and cause it
 * failed with (after the steps' retries). A job that failed before it had an id (no master, a bad request) has
 * no record to write. A chunk that failed after its retries fails the chunks' Distributed Map with
 * {@code States.ExceedToleratedFailureThreshold}, which names no chunk: the work log does, so the job is recorded (and
 * the workflow announces and fails) with that chunk's own error and a cause that names it. Input
 * {@code {jobId, error, cause}}; output the error and cause recorded.
 */
public final class RecordEncodeFailureHandler extends EncodeStepHandler<RecordEncodeFailureHandler.Failure, RecordEncodeFailureHandler.Recorded> {

    public record Failure(String jobId, String error, String cause) {}

    public record Recorded(String jobId, boolean recorded, String error, String cause) {}

    static final String CHUNKS_FAILED = "States.ExceedToleratedFailureThreshold";

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
        String error = in.error() == null ? "States.Unknown" : in.error();
        if (in.jobId() == null) {
            return new Recorded(null, false, error, in.cause());
        }
        String cause = in.cause();
        if (CHUNKS_FAILED.equals(error)) {
            Optional<EncodeWorkLog.FailedTask> failed = steps.workLog().failedTask(in.jobId());
            if (failed.isPresent()) {
                error = failed.get().error();
                cause = "chunk " + failed.get().chunk() + " of " + failed.get().profileId() + " failed after " + failed.get().attempts()
                        + " attempts: " + failed.get().message();
            }
        }
        steps.workLog().jobEnded(in.jobId(), "FAILED", error, cause);
        return new Recorded(in.jobId(), true, error, cause);
    }
}
