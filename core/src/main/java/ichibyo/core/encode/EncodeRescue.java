package ichibyo.core.encode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scheduled rescue: where the work log (the jobs table) and the executions disagree, the execution is right, and
 * the log is settled to match it. A job the log calls RUNNING whose execution ended takes the execution's end
 * (SUCCEEDED, or FAILED with the execution's error: TIMED_OUT and ABORTED jobs are failed too, and each newly failed job
 * is announced with {@code EncodeFailed}, since its own failure path never ran); a chunk the log calls RUNNING is
 * ABANDONED when its execution ended (nobody waits for it any more) and FAILED when it has been running longer than any
 * attempt may (its Lambda or task limit: it hung, or died without a word).
 *
 * <p>A job whose execution cannot be found (its record written, its execution never started or since deleted) is failed
 * only after {@link Limits#missingExecutionGrace}, so a job that is just starting is left alone.
 */
public final class EncodeRescue {

    /** The work log's job statuses. */
    public static final String RUNNING = "RUNNING", SUCCEEDED = "SUCCEEDED", FAILED = "FAILED";
    /** A task's statuses once settled by the rescue (the steps write RUNNING, DONE, FAILED). */
    public static final String ABANDONED = "ABANDONED";
    /** The error a job whose execution does not exist is failed with. */
    public static final String EXECUTION_NOT_FOUND = "Rescue.ExecutionNotFound";
    /** The error a chunk running past its limit is failed with. */
    public static final String TASK_OVERDUE = "Rescue.TaskOverdue";

    /** A job's record in the work log, with its tasks the log calls RUNNING. */
    public record JobRecord(String jobId, String status, String executionArn, Instant startedAt, List<TaskRecord> runningTasks) {
        public JobRecord {
            runningTasks = List.copyOf(runningTasks);
        }
    }

    /** A chunk of a profile the log calls RUNNING: since when, and where ({@code lambda:…} or {@code fargate:…}). */
    public record TaskRecord(String profileId, int chunk, Instant startedAt, String ranOn) {}

    /** What Step Functions says of a job's execution; {@code null} for an execution that does not exist. */
    public record ExecutionState(Status status, Instant stoppedAt, String error, String cause) {
        public boolean ended() {
            return status != Status.RUNNING;
        }
    }

    /** An execution's status, as DescribeExecution names it. */
    public enum Status { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

    /**
     * How long an attempt may run before the rescue calls it lost: a Lambda attempt at most its function timeout, a
     * Fargate attempt at most its state's TimeoutSeconds, each with a margin for the log's own writes.
     */
    public record Limits(Duration lambda, Duration fargate, Duration missingExecutionGrace) {
        /** encode-chunk's 15-minute Lambda timeout and the Fargate state's hour, with 5 minutes' margin; 15 minutes' grace. */
        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(20), Duration.ofMinutes(65), Duration.ofMinutes(15));

        public Duration of(String ranOn) {
            return ranOn != null && ranOn.startsWith("fargate:") ? fargate : lambda;
        }
    }

    /** The job's record settled to match its execution: its new status, the error and cause it ends with, and whether to announce it. */
    public record JobSettlement(String jobId, String status, String error, String cause, boolean announceFailure) {}

    /** A task's record settled: ABANDONED or FAILED, with why. */
    public record TaskSettlement(String jobId, String profileId, int chunk, Instant startedAt, String status, String error) {}

    /** Everything to settle of one sweep. */
    public record Settlements(List<JobSettlement> jobs, List<TaskSettlement> tasks) {
        public Settlements {
            jobs = List.copyOf(jobs);
            tasks = List.copyOf(tasks);
        }

        public boolean isEmpty() {
            return jobs.isEmpty() && tasks.isEmpty();
        }
    }

    private EncodeRescue() {}

    /**
     * What to settle.
     *
     * @param jobs       jobs the log calls RUNNING, or that have tasks it calls RUNNING
     * @param executions each job's execution state by its execution ARN; a job whose ARN is missing here has no execution
     */
    public static Settlements find(List<JobRecord> jobs, Map<String, ExecutionState> executions, Instant now, Limits limits) {
        List<JobSettlement> settledJobs = new ArrayList<>();
        List<TaskSettlement> settledTasks = new ArrayList<>();
        for (JobRecord job : jobs) {
            ExecutionState execution = job.executionArn() == null ? null : executions.get(job.executionArn());
            boolean running = RUNNING.equals(job.status());
            if (execution == null) {
                boolean old = job.startedAt() == null || job.startedAt().plus(limits.missingExecutionGrace()).isBefore(now);
                if (running && old) {
                    settledJobs.add(new JobSettlement(job.jobId(), FAILED, EXECUTION_NOT_FOUND,
                            "the work log said RUNNING but the job has no execution " + job.executionArn(), true));
                }
                if (old) {
                    job.runningTasks().forEach(t -> settledTasks.add(task(job, t, ABANDONED, "the job has no execution")));
                }
                continue;
            }
            if (execution.ended()) {
                if (running) {
                    settledJobs.add(settle(job, execution));
                }
                String why = "the execution ended (" + execution.status() + ") while the task was RUNNING";
                job.runningTasks().forEach(t -> settledTasks.add(task(job, t, ABANDONED, why)));
                continue;
            }
            for (TaskRecord t : job.runningTasks()) {
                Duration limit = limits.of(t.ranOn());
                if (t.startedAt() != null && t.startedAt().plus(limit).isBefore(now)) {
                    settledTasks.add(task(job, t, FAILED, TASK_OVERDUE + ": running since " + t.startedAt() + ", longer than an attempt on "
                            + t.ranOn() + " may (" + limit.toMinutes() + " min)"));
                }
            }
        }
        return new Settlements(settledJobs, settledTasks);
    }

    private static JobSettlement settle(JobRecord job, ExecutionState execution) {
        return switch (execution.status()) {
            case SUCCEEDED -> new JobSettlement(job.jobId(), SUCCEEDED, null, null, false);
            case FAILED -> new JobSettlement(job.jobId(), FAILED, orElse(execution.error(), "States.Unknown"),
                    orElse(execution.cause(), "the execution failed; the work log still said RUNNING"), true);
            case TIMED_OUT -> new JobSettlement(job.jobId(), FAILED, "States.Timeout",
                    orElse(execution.cause(), "the execution timed out; the work log still said RUNNING"), true);
            case ABORTED -> new JobSettlement(job.jobId(), FAILED, "Execution.Aborted",
                    orElse(execution.cause(), "the execution was stopped" + (execution.stoppedAt() == null ? "" : " at " + execution.stoppedAt())
                            + "; the work log still said RUNNING"), true);
            case RUNNING -> throw new IllegalArgumentException("a running execution is not settled");
        };
    }

    private static TaskSettlement task(JobRecord job, TaskRecord t, String status, String error) {
        return new TaskSettlement(job.jobId(), t.profileId(), t.chunk(), t.startedAt(), status, error);
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
