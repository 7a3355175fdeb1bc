package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.arn.ExecutionArn;
import ichibyo.sfn.arn.StateMachineArn;
import ichibyo.sfn.definition.StateMachineDefinition;
import ichibyo.sfn.error.StatesError;
import ichibyo.sfn.history.History;
import ichibyo.sfn.history.Lane;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.Variables;
import ichibyo.sfn.state.ExecutionContext;
import ichibyo.sfn.state.Frame;
import ichibyo.sfn.state.TaskTokens;
import ichibyo.sfn.state.map.ObjectStore;
import ichibyo.sfn.task.TaskRunners;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs executions: starts them (each on its own virtual thread), closes them once (success, failure,
 * stop or timeout, whichever comes first) and describes them as DescribeExecution does.
 */
final class Executions {
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{1,80}");

    private final Store store;
    /** The data directory's journal, or null to keep everything in memory. */
    final ExecutionJournal journal;
    private final TaskTokens tokens = new TaskTokens();
    private final TaskRunners runners;
    private final DistributedMaps distributedMaps;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sfn-timeouts");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    Executions(Store store, ExecutionJournal journal, TaskRunners runners, ObjectStore objectStore) {
        this.store = store;
        this.journal = journal;
        StartExecutionRunner startExecution = new StartExecutionRunner(this, store);
        TaskRunners external = runners == null ? s -> Optional.empty() : runners;
        // states:startExecution is built in: it starts executions of this service.
        this.runners = service -> "states".equals(service) ? Optional.of(startExecution) : external.forService(service);
        this.distributedMaps = new DistributedMaps(this, store, objectStore);
    }

    TaskTokens tokens() {
        return tokens;
    }

    /** Map Run children are not journalled: after a restart their parent's Map state runs again. */
    boolean journalled(ExecutionRecord ex) {
        return journal != null && ex.mapRunArn == null;
    }

    /** Starts an execution; the same name with the same input while it is open returns it, as on AWS. */
    ExecutionRecord start(StateMachineRecord m, String name, String input, String mapRunArn, String parentArn) {
        if (!NAME.matcher(name).matches()) throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
        JsonNode inputNode = Requests.parseInput(input);
        String arn = ExecutionArn.of(StateMachineArn.parse(m.arn), m.express(), name).format();
        return start(arn, name, m, m.parsed, input, inputNode, mapRunArn, parentArn);
    }

    ExecutionRecord start(String arn, String name, StateMachineRecord m, StateMachineDefinition definition, String input, JsonNode inputNode,
                          String mapRunArn, String parentArn) {
        boolean journalled = journal != null && mapRunArn == null;
        History history = new History(journalled ? e -> journal.appendEvent(arn, e) : null);
        ExecutionRecord ex = new ExecutionRecord(arn, name, m, definition, input, Instant.now(), history, mapRunArn, parentArn);
        ExecutionRecord existing = store.executions.putIfAbsent(arn, ex);
        if (existing != null) {
            if (existing.open() && existing.input.equals(input)) return existing;
            throw new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        if (journalled) journal.saveExecution(ex);
        store.added(ex);
        ex.variables = new Variables(null);
        ObjectNode started = Json.object();
        started.put("input", input);
        started.putObject("inputDetails").put("truncated", false);
        started.put("roleArn", m.roleArn);
        started.put("stateMachineArn", m.arn);
        ex.history.add(0, "ExecutionStarted", "executionStartedEventDetails", started);
        launch(ex, inputNode, definition.block().startAt(), inputNode);
        return ex;
    }

    /**
     * Redrives a closed execution: same ARN and input, the redrive count one up, running again from the
     * top-level state it last entered (its first state when it entered none).
     */
    void redrive(ExecutionRecord ex) {
        synchronized (ex) {
            ex.redriveCount++;
            ex.redriveDate = Instant.now();
            ex.status = ExecutionStatus.RUNNING;
            ex.stopDate = null;
            ex.output = null;
            ex.error = null;
            ex.cause = null;
            ex.stopRequested = false;
            ex.timedOut = false;
            ex.done = new CountDownLatch(1);
            ObjectNode d = Json.object();
            d.put("redriveCount", ex.redriveCount);
            ex.history.add(ex.history.lastId(), "ExecutionRedriven", "executionRedrivenEventDetails", d);
            if (journalled(ex)) journal.saveExecution(ex);
        }
        JsonNode input = Requests.parseInput(ex.input);
        if (ex.lastState == null) launch(ex, input, ex.definition.block().startAt(), input);
        else launch(ex, input, ex.lastState, ex.lastStateInput);
    }

    /** Runs the execution from the state {@code from} with that state's input, on a thread of its own. */
    void launch(ExecutionRecord ex, JsonNode executionInput, String from, JsonNode stateInput) {
        if (ex.definition.timeoutSeconds() != null) {
            timer.schedule(() -> timeOut(ex), ex.definition.timeoutSeconds(), TimeUnit.SECONDS);
        }
        ex.thread = Thread.ofVirtual().name("sfn-" + ex.name).start(() -> run(ex, executionInput, from, stateInput));
    }

    private void run(ExecutionRecord ex, JsonNode executionInput, String from, JsonNode stateInput) {
        StateMachineRecord m = ex.machine;
        ExecutionContext ctx = ExecutionContext.builder()
                .executionArn(ex.arn).executionName(ex.name).input(executionInput).startTime(ex.startDate).roleArn(m.roleArn)
                .stateMachineArn(m.arn).stateMachineName(m.name).redriveCount(ex.redriveCount).redriveTime(ex.redriveDate)
                .region(StepFunctionsService.REGION).accountId(StepFunctionsService.ACCOUNT)
                .history(ex.history).runners(runners).tokens(tokens).distributedMaps(distributedMaps)
                .build();
        Lane lane = new Lane(ex.history, ex.history.lastId());
        Frame frame = new Frame(ctx, ex.variables, lane, ex.definition.language());
        try {
            boolean journalled = journalled(ex);
            JsonNode out = ex.definition.block().run(frame, stateInput, from, (state, input) -> {
                ex.lastState = state;
                ex.lastStateInput = input;
                if (journalled) journal.checkpoint(ex.arn, state, input, ex.variables.visible());
            });
            if (ex.stopRequested) return;
            finish(ex, lane, ExecutionStatus.SUCCEEDED, Json.write(out), null, null);
        } catch (StatesError e) {
            finish(ex, lane, ExecutionStatus.FAILED, null, e.error(), e.cause());
        } catch (InterruptedException e) {
            // On shutdown an open execution stays open in the journal, to resume on the next start.
            if (!ex.open() || closing) return;
            finish(ex, lane, ExecutionStatus.ABORTED, null, null, null);
        } catch (RuntimeException e) {
            // The emulator's own failure: the cause says where, for whoever reads the history.
            StackTraceElement[] at = e.getStackTrace();
            finish(ex, lane, ExecutionStatus.FAILED, null, "States.Runtime", e + (at.length > 0 ? " (at " + at[0] + ")" : ""));
        } finally {
            ex.done.countDown();
        }
    }

    /** Closes an execution once: the first of success, failure, stop or timeout wins. */
    void finish(ExecutionRecord ex, Lane lane, ExecutionStatus status, String output, String error, String cause) {
        synchronized (ex) {
            if (!ex.open()) return;
            ObjectNode d = Json.object();
            if (status == ExecutionStatus.SUCCEEDED) {
                d.put("output", output);
                d.putObject("outputDetails").put("truncated", false);
            }
            if (error != null) d.put("error", error);
            if (cause != null) d.put("cause", cause);
            long previous = lane != null ? lane.last() : ex.history.lastId();
            ex.history.add(previous, status.closingEvent(), status.detailsKey(), d);
            ex.output = output;
            ex.error = error;
            ex.cause = cause;
            ex.stopDate = Instant.now();
            ex.status = status;
        }
    }

    private void timeOut(ExecutionRecord ex) {
        if (!ex.open()) return;
        ex.timedOut = true;
        finish(ex, null, ExecutionStatus.TIMED_OUT, null, "States.Timeout",
                "The execution timed out (TimeoutSeconds: " + ex.definition.timeoutSeconds() + ").");
        Thread t = ex.thread;
        if (t != null) t.interrupt();
    }

    void stop(ExecutionRecord ex, String error, String cause) {
        ex.stopRequested = true;
        finish(ex, null, ExecutionStatus.ABORTED, null, error, cause);
        Thread t = ex.thread;
        if (t != null) t.interrupt();
    }

    /** The DescribeExecution shape. */
    ObjectNode describe(ExecutionRecord ex) {
        ObjectNode out = Json.object();
        out.put("executionArn", ex.arn);
        out.put("stateMachineArn", ex.machine.arn);
        out.put("name", ex.name);
        out.put("status", ex.status.name());
        out.put("startDate", Requests.epoch(ex.startDate));
        if (ex.stopDate != null) out.put("stopDate", Requests.epoch(ex.stopDate));
        out.put("input", ex.input);
        out.putObject("inputDetails").put("included", true);
        if (ex.output != null) {
            out.put("output", ex.output);
            out.putObject("outputDetails").put("included", true);
        }
        if (ex.error != null) out.put("error", ex.error);
        if (ex.cause != null) out.put("cause", ex.cause);
        if (ex.mapRunArn != null) out.put("mapRunArn", ex.mapRunArn);
        out.put("redriveCount", ex.redriveCount);
        if (ex.redriveDate != null) out.put("redriveDate", Requests.epoch(ex.redriveDate));
        out.put("redriveStatus", ex.notRedrivableReason() == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
        return out;
    }

    /** Interrupts every execution; on shutdown open ones stay open in the journal. */
    void close() {
        closing = true;
        timer.shutdownNow();
        for (ExecutionRecord ex : store.snapshot()) {
            Thread t = ex.thread;
            if (t != null) t.interrupt();
        }
    }
}
