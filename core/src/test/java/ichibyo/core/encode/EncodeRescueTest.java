package ichibyo.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.encode.EncodeRescue.ExecutionState;
import ichibyo.core.encode.EncodeRescue.JobRecord;
import ichibyo.core.encode.EncodeRescue.JobSettlement;
import ichibyo.core.encode.EncodeRescue.Limits;
import ichibyo.core.encode.EncodeRescue.Settlements;
import ichibyo.core.encode.EncodeRescue.Status;
import ichibyo.core.encode.EncodeRescue.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodeRescueTest {
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:encode:film-1-preview-v1";

    static JobRecord running(TaskRecord... tasks) {
        return new JobRecord("film-1-preview-v1", "RUNNING", ARN, NOW.minus(Duration.ofMinutes(30)), List.of(tasks));
    }

    static TaskRecord task(int chunk, String ranOn, Duration ago) {
        return new TaskRecord("preview-144p", chunk, NOW.minus(ago), ranOn);
    }

    static Settlements find(JobRecord job, ExecutionState state) {
        return EncodeRescue.find(List.of(job), state == null ? Map.of() : Map.of(ARN, state), NOW, Limits.DEFAULT);
    }

    @Test
    void aRunningJobWhoseExecutionWasStopped_isFailedWithTheAbort_announced_andItsRunningChunksAbandoned() {
        Settlements s = find(running(task(0, "lambda:encode-chunk", Duration.ofMinutes(1))),
                new ExecutionState(Status.ABORTED, NOW.minusSeconds(60), null, null));
        assertThat(s.jobs()).singleElement().satisfies(j -> {
            assertThat(j.status()).isEqualTo("FAILED");
            assertThat(j.error()).isEqualTo("Execution.Aborted");
            assertThat(j.cause()).contains("stopped");
            assertThat(j.announceFailure()).isTrue();
        });
        assertThat(s.tasks()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("ABANDONED");
            assertThat(t.chunk()).isZero();
            assertThat(t.error()).contains("ABORTED");
        });
    }

    @Test
    void aRunningJobWhoseExecutionFailedOrTimedOut_takesTheExecutionsError() {
        assertThat(find(running(), new ExecutionState(Status.FAILED, NOW, "ichibyo.core.media.exceptions.FfmpegFailedException", "x264 refused")).jobs())
                .extracting(JobSettlement::status, JobSettlement::error, JobSettlement::cause, JobSettlement::announceFailure)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FAILED", "ichibyo.core.media.exceptions.FfmpegFailedException", "x264 refused", true));
        assertThat(find(running(), new ExecutionState(Status.TIMED_OUT, NOW, null, null)).jobs())
                .extracting(JobSettlement::error).containsExactly("States.Timeout");
    }

    @Test
    void aRunningJobWhoseExecutionSucceeded_isMarkedSucceeded_withoutAnAlert() {
        assertThat(find(running(), new ExecutionState(Status.SUCCEEDED, NOW, null, null)).jobs())
                .singleElement().satisfies(j -> {
                    assertThat(j.status()).isEqualTo("SUCCEEDED");
                    assertThat(j.error()).isNull();
                    assertThat(j.announceFailure()).isFalse();
                });
    }

    @Test
    void aRunningJobOfARunningExecution_isLeftAlone_butAChunkRunningPastItsLimitIsFailed() {
        Settlements s = find(running(task(0, "lambda:encode-chunk", Duration.ofMinutes(5)), task(1, "lambda:encode-chunk", Duration.ofMinutes(25)),
                        task(2, "fargate:encode-chunk", Duration.ofMinutes(25)), task(3, "fargate:encode-chunk", Duration.ofMinutes(70))),
                new ExecutionState(Status.RUNNING, null, null, null));
        assertThat(s.jobs()).isEmpty();
        assertThat(s.tasks()).extracting(EncodeRescue.TaskSettlement::chunk).containsExactly(1, 3);
        assertThat(s.tasks()).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo("FAILED");
            assertThat(t.error()).startsWith(EncodeRescue.TASK_OVERDUE);
        });
    }

    @Test
    void aSettledJobWithAChunkStillRunning_keepsItsStatus_andTheChunkIsAbandoned() {
        JobRecord failed = new JobRecord("film-1-preview-v1", "FAILED", ARN, NOW.minusSeconds(600), List.of(task(4, "fargate:encode-chunk", Duration.ofMinutes(2))));
        Settlements s = find(failed, new ExecutionState(Status.FAILED, NOW, "E", "c"));
        assertThat(s.jobs()).isEmpty();
        assertThat(s.tasks()).extracting(EncodeRescue.TaskSettlement::status).containsExactly("ABANDONED");
    }

    @Test
    void aJobWithoutAnExecution_isFailedOnlyAfterTheGrace() {
        JobRecord young = new JobRecord("j-v1", "RUNNING", ARN, NOW.minus(Duration.ofMinutes(2)), List.of());
        assertThat(find(young, null).isEmpty()).isTrue();
        JobRecord old = new JobRecord("j-v1", "RUNNING", ARN, NOW.minus(Duration.ofMinutes(20)), List.of());
        assertThat(find(old, null).jobs()).singleElement().satisfies(j -> {
            assertThat(j.error()).isEqualTo(EncodeRescue.EXECUTION_NOT_FOUND);
            assertThat(j.announceFailure()).isTrue();
        });
    }
}
