package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.EncodeCompleted;
import ichibyo.core.encode.EncodeFailed;
import ichibyo.core.encode.EncodeRescue;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.TransientFailureException;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.delivery.StepHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crac.Resource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * rescue-encodes (every 15 minutes, by its schedule): settles the work log where it and the executions disagree
 * ({@link EncodeRescue}): a job the log calls RUNNING whose execution ended takes the execution's end, and is announced
 * with {@code EncodeFailed} when that end is a failure (the alert topic gets it); a chunk the log calls RUNNING is
 * ABANDONED when its execution ended and FAILED when it ran past its limit. Writes are conditional: a step that moved
 * on meanwhile wins. Only executions of the {@code encode} state machine are described. Input {@code {}}; output what
 * it looked at and settled. Configuration: {@code ENCODE_JOBS_TABLE}, {@code ENCODE_STATE_MACHINE} (its ARN),
 * {@code EVENT_BUS}.
 */
public final class RescueEncodesHandler extends StepHandler<RescueEncodesHandler.Request, RescueEncodesHandler.Result> {
    /** The most executions described in one sweep (DescribeExecution's rate is limited); the next sweep does the rest. */
    static final int MAX_JOBS = 500;

    /** @param maxJobs the most jobs to look at in this sweep (1–500), or null for 500 */
    public record Request(Integer maxJobs) {}

    public record Result(int jobsLookedAt, int jobsSettled, int tasksSettled, int failuresAnnounced, List<String> settledJobs) {}

    private final EncodeWorkLog workLog;
    private final SfnClient sfn;
    private final EventBridgeClient events;
    private final String executionPrefix;
    private final String bus;
    private final Clock clock;
    private final EncodeRescue.Limits limits;

    public RescueEncodesHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public RescueEncodesHandler(Map<String, String> env) {
        this(new EncodeWorkLog(AwsClients.fromEnvironment(env).dynamoDb(), Env.require(env, "ENCODE_JOBS_TABLE"), Clock.systemUTC()),
                SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), AwsClients.eventBridge(),
                Env.require(env, "ENCODE_STATE_MACHINE"), Env.require(env, "EVENT_BUS"), Clock.systemUTC(), env);
    }

    RescueEncodesHandler(EncodeWorkLog workLog, SfnClient sfn, EventBridgeClient events, String stateMachineArn, String bus, Clock clock,
            Map<String, String> env) {
        super(Request.class, "rescue-encodes", env);
        this.workLog = workLog;
        this.sfn = sfn;
        this.events = events;
        // arn:…:stateMachine:NAME → arn:…:execution:NAME: — the only executions this function may describe.
        this.executionPrefix = stateMachineArn.replace(":stateMachine:", ":execution:") + ":";
        this.bus = bus;
        this.clock = clock;
        this.limits = EncodeRescue.Limits.DEFAULT;
    }

    @Override
    protected String sampleEvent() {
        return "rescue-encodes-sweep.json";
    }

    @Override
    protected Result handle(Request request) {
        int max = request.maxJobs() == null ? MAX_JOBS : request.maxJobs();
        if (max < 1 || max > MAX_JOBS) {
            throw new ichibyo.functions.delivery.InvalidStepInputException("maxJobs must be 1–" + MAX_JOBS + ", not " + max);
        }
        List<EncodeRescue.JobRecord> jobs = workLog.unsettled();
        if (jobs.size() > max) {
            jobs = jobs.subList(0, max);
        }
        Map<String, EncodeRescue.ExecutionState> executions = new HashMap<>();
        for (EncodeRescue.JobRecord job : jobs) {
            String arn = job.executionArn();
            if (arn != null && arn.startsWith(executionPrefix) && !executions.containsKey(arn)) {
                describe(arn).ifPresent(state -> executions.put(arn, state));
            }
        }
        EncodeRescue.Settlements settlements = EncodeRescue.find(jobs, executions, clock.instant(), limits);
        int jobsSettled = 0;
        int announced = 0;
        List<String> settledJobs = new java.util.ArrayList<>();
        for (EncodeRescue.JobSettlement s : settlements.jobs()) {
            if (!workLog.settleJob(s)) {
                continue; // its workflow settled it meanwhile
            }
            jobsSettled++;
            settledJobs.add(s.jobId());
            EncodeRescue.JobRecord job = jobs.stream().filter(j -> j.jobId().equals(s.jobId())).findFirst().orElseThrow();
            Log.warn("encode job settled by the rescue", "jobId", s.jobId(), "status", s.status(), "error", s.error(), "cause", s.cause());
            if (s.announceFailure()) {
                announce(new EncodeFailed(s.jobId(), job.executionArn(), s.error(), s.cause(), "rescue-encodes"));
                announced++;
            }
        }
        int tasksSettled = 0;
        for (EncodeRescue.TaskSettlement t : settlements.tasks()) {
            if (workLog.settleTask(t)) {
                tasksSettled++;
                Log.warn("encode task settled by the rescue", "jobId", t.jobId(), "profileId", t.profileId(), "chunk", t.chunk(),
                        "status", t.status(), "error", t.error());
            }
        }
        Log.info("encodes rescued", "jobsLookedAt", jobs.size(), "jobsSettled", jobsSettled, "tasksSettled", tasksSettled,
                "failuresAnnounced", announced);
        return new Result(jobs.size(), jobsSettled, tasksSettled, announced, settledJobs);
    }

    private java.util.Optional<EncodeRescue.ExecutionState> describe(String arn) {
        DescribeExecutionResponse d;
        try {
            d = sfn.describeExecution(r -> r.executionArn(arn));
        } catch (ExecutionDoesNotExistException e) {
            return java.util.Optional.empty();
        }
        EncodeRescue.Status status = switch (d.status()) {
            case RUNNING, PENDING_REDRIVE -> EncodeRescue.Status.RUNNING;
            case SUCCEEDED -> EncodeRescue.Status.SUCCEEDED;
            case FAILED -> EncodeRescue.Status.FAILED;
            case TIMED_OUT -> EncodeRescue.Status.TIMED_OUT;
            case ABORTED -> EncodeRescue.Status.ABORTED;
            default -> EncodeRescue.Status.RUNNING; // an unknown status is not an end: leave the job alone
        };
        return java.util.Optional.of(new EncodeRescue.ExecutionState(status, d.stopDate(), d.error(), d.cause()));
    }

    private void announce(EncodeFailed failed) {
        String detail = detail(failed);
        var response = events.putEvents(r -> r.entries(e -> e.eventBusName(bus).source(EncodeCompleted.SOURCE)
                .detailType(EncodeFailed.DETAIL_TYPE).detail(detail)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().getFirst();
            // The job is settled already: the next sweep will not see it again, so this one fails and is retried.
            throw new TransientFailureException("EncodeFailed of " + failed.jobId() + " was not put on " + bus + ": "
                    + entry.errorCode() + " " + entry.errorMessage(), null);
        }
    }

    private static String detail(EncodeFailed failed) {
        try {
            return Json.mapper().writeValueAsString(failed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SnapStart: the rules and the event's JSON run once on made-up records; nothing is called. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        super.beforeCheckpoint(context);
        var now = java.time.Instant.EPOCH.plus(Duration.ofDays(1));
        EncodeRescue.find(List.of(new EncodeRescue.JobRecord("priming-v1", "RUNNING", executionPrefix + "priming-v1", java.time.Instant.EPOCH,
                List.of(new EncodeRescue.TaskRecord("p", 0, java.time.Instant.EPOCH, "lambda:encode-chunk")))),
                Map.of(executionPrefix + "priming-v1", new EncodeRescue.ExecutionState(EncodeRescue.Status.ABORTED, now, null, null)), now, limits)
                .jobs().forEach(s -> detail(new EncodeFailed(s.jobId(), null, s.error(), s.cause(), "rescue-encodes")));
    }
}
