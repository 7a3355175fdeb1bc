package ichibyo.sfn.state.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.error.StatesError;
import ichibyo.sfn.error.StatesHeartbeatTimeout;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.error.StatesTimeout;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.ExecutionContext;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateRun;
import ichibyo.sfn.state.TaskTokens;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import ichibyo.sfn.task.TaskRunner;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Task: calls its Resource through the {@link TaskRunner} for the resource's service, waiting for a
 * task token or the job's end as the integration pattern says, within TimeoutSeconds/HeartbeatSeconds.
 */
public final class TaskState extends State {
    /** Without TimeoutSeconds a task may run for up to a year on AWS; here that means "no limit". */
    private static final long NO_LIMIT = 99_999_999L;

    public final TaskResource resource;
    private final JsonNode timeoutSeconds;
    private final String timeoutSecondsPath;
    private final JsonNode heartbeatSeconds;
    private final String heartbeatSecondsPath;

    public TaskState(String name, ObjectNode raw, QueryLanguage inherited) {
        super(name, raw, inherited);
        if (!raw.hasNonNull("Resource")) {
            throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/" + name);
        }
        resource = TaskResource.parse(raw.get("Resource").asText(), "/States/" + name);
        timeoutSeconds = raw.get("TimeoutSeconds");
        timeoutSecondsPath = raw.hasNonNull("TimeoutSecondsPath") ? raw.get("TimeoutSecondsPath").asText() : null;
        heartbeatSeconds = raw.get("HeartbeatSeconds");
        heartbeatSecondsPath = raw.hasNonNull("HeartbeatSecondsPath") ? raw.get("HeartbeatSecondsPath").asText() : null;
    }

    @Override
    protected Transition execute(StateRun run, JsonNode input) throws InterruptedException {
        boolean jsonata = language == QueryLanguage.JSONata;
        ExecutionContext ex = run.frame().execution();
        if (resource.pattern() == IntegrationPattern.WAIT_FOR_TASK_TOKEN) run.taskToken(ex.tokens().open());
        try {
            ObjectNode states = jsonata ? states(run, input, null, null) : null;
            JsonNode effective = jsonata ? input : inputPath(run, input);
            JsonNode params = jsonata
                    ? (arguments == null ? input : JsonataExpressions.template(arguments, "Arguments", states, run.frame().variables()))
                    : payload(run, parameters, effective);
            long timeout = seconds(run, effective, states, timeoutSeconds, timeoutSecondsPath, "TimeoutSeconds");
            long heartbeat = seconds(run, effective, states, heartbeatSeconds, heartbeatSecondsPath, "HeartbeatSeconds");
            JsonNode result = call(run, params, timeout, heartbeat);
            if (jsonata) return new Transition(next, outputJsonata(run, input, result));
            return new Transition(next, resultAndOutput(run, input, result));
        } finally {
            if (run.taskToken() != null) ex.tokens().close(run.taskToken());
        }
    }

    private long seconds(StateRun run, JsonNode effective, ObjectNode states, JsonNode value, String path, String field) {
        JsonNode v = value;
        if (v != null && JsonataExpressions.isExpression(v)) v = JsonataExpressions.template(v, field, states, run.frame().variables());
        if (v == null && path != null) v = JsonPaths.selectOrFail(path, run.scope(effective));
        if (v == null) return 0;
        if (!v.isIntegralNumber() || v.longValue() <= 0) {
            throw new StatesRuntime("The " + field + " value must be a positive integer but was: " + Json.write(v));
        }
        return v.longValue();
    }

    private JsonNode call(StateRun run, JsonNode params, long timeoutSeconds, long heartbeatSeconds) throws InterruptedException {
        ExecutionContext ex = run.frame().execution();
        String resourceType = resource.bareLambda() ? "lambda" : resource.service();
        ObjectNode scheduled = Json.object();
        if (resource.bareLambda()) {
            scheduled.put("resource", resource.arn());
            scheduled.put("input", Json.write(params));
            scheduled.putObject("inputDetails").put("truncated", false);
            if (timeoutSeconds > 0) scheduled.put("timeoutInSeconds", timeoutSeconds);
            run.frame().lane().add("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", scheduled);
            run.frame().lane().add("LambdaFunctionStarted", null, null);
        } else {
            scheduled.put("resourceType", resourceType);
            scheduled.put("resource", resource.eventResource());
            scheduled.put("region", ex.region());
            scheduled.put("parameters", Json.write(params));
            if (timeoutSeconds > 0) scheduled.put("timeoutInSeconds", timeoutSeconds);
            if (heartbeatSeconds > 0) scheduled.put("heartbeatInSeconds", heartbeatSeconds);
            run.frame().lane().add("TaskScheduled", "taskScheduledEventDetails", scheduled);
            run.frame().lane().add("TaskStarted", "taskStartedEventDetails", resourceDetails(resourceType));
        }
        try {
            JsonNode result = invoke(run, params, timeoutSeconds, heartbeatSeconds);
            if (resource.bareLambda()) {
                ObjectNode d = Json.object();
                d.put("output", Json.write(result));
                d.putObject("outputDetails").put("truncated", false);
                run.frame().lane().add("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", d);
            } else {
                ObjectNode d = resourceDetails(resourceType);
                d.put("output", Json.write(result));
                d.putObject("outputDetails").put("truncated", false);
                run.frame().lane().add("TaskSucceeded", "taskSucceededEventDetails", d);
            }
            return result;
        } catch (StatesError e) {
            boolean timedOut = e instanceof StatesTimeout || e instanceof StatesHeartbeatTimeout;
            ObjectNode d = resource.bareLambda() ? Json.object() : resourceDetails(resourceType);
            if (e.error() != null) d.put("error", e.error());
            if (e.cause() != null) d.put("cause", e.cause());
            String type = resource.bareLambda() ? (timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed")
                    : (timedOut ? "TaskTimedOut" : "TaskFailed");
            String key = resource.bareLambda() ? (timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails")
                    : (timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails");
            run.frame().lane().add(type, key, d);
            throw e;
        }
    }

    private ObjectNode resourceDetails(String resourceType) {
        ObjectNode d = Json.object();
        d.put("resourceType", resourceType);
        d.put("resource", resource.eventResource());
        return d;
    }

    private JsonNode invoke(StateRun run, JsonNode params, long timeoutSeconds, long heartbeatSeconds) throws InterruptedException {
        ExecutionContext ex = run.frame().execution();
        TaskRunner runner = ex.runners() == null ? null : ex.runners().forService(resource.service()).orElse(null);
        if (runner == null) {
            throw new StatesError("States.Runtime", "The resource " + resource.arn() + " has no integration in this emulator.");
        }
        long start = System.nanoTime();
        long deadlineNanos = timeoutSeconds > 0 ? start + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
        TaskTokens.Pending pending = run.taskToken() == null ? null : ex.tokens().get(run.taskToken());
        // Task tokens beat through SendTaskHeartbeat; .sync jobs through the request's heartbeat callback.
        TaskTokens.Pending beats = pending != null ? pending : new TaskTokens.Pending();
        Runnable heartbeat = beats::heartbeat;
        TaskRequest request = new TaskRequest(resource.arn(), resource.service(), resource.action(), resource.pattern(), resource.bareLambda(),
                params, run.taskToken(), timeoutSeconds > 0 ? Instant.now().plusSeconds(timeoutSeconds) : null, heartbeat,
                ex.region(), ex.accountId(), ex.executionArn());
        CompletableFuture<JsonNode> call = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("task-" + name).start(() -> {
            try {
                call.complete(runner.run(request));
            } catch (Throwable t) {
                call.completeExceptionally(t);
            }
        });
        try {
            boolean jobBeats = resource.pattern() == IntegrationPattern.RUN_JOB && heartbeatSeconds > 0;
            JsonNode callResult = await(call, deadlineNanos, jobBeats ? beats : null, jobBeats ? heartbeatSeconds : 0);
            if (pending == null) return callResult;
            if (!resource.bareLambda()) {
                ObjectNode submitted = Json.object();
                submitted.put("resourceType", resource.service());
                submitted.put("resource", resource.eventResource());
                submitted.put("output", Json.write(callResult == null ? Json.object() : callResult));
                submitted.putObject("outputDetails").put("truncated", false);
                run.frame().lane().add("TaskSubmitted", "taskSubmittedEventDetails", submitted);
            }
            // .waitForTaskToken: the call only delivered the token; the result comes with SendTaskSuccess/Failure.
            if (heartbeatSeconds > 0) pending.heartbeat();
            return await(pending.result(), deadlineNanos, pending, heartbeatSeconds);
        } finally {
            worker.interrupt();
        }
    }

    private JsonNode await(CompletableFuture<JsonNode> f, long deadlineNanos, TaskTokens.Pending pending, long heartbeatSeconds)
            throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (now >= deadlineNanos) throw new StatesTimeout(null);
            if (pending != null && heartbeatSeconds > 0 && now - pending.lastHeartbeatNanos() > TimeUnit.SECONDS.toNanos(heartbeatSeconds)) {
                throw new StatesHeartbeatTimeout(null);
            }
            long waitNanos = Math.min(deadlineNanos - now, TimeUnit.MILLISECONDS.toNanos(pending != null && heartbeatSeconds > 0 ? 200 : NO_LIMIT));
            try {
                return f.get(waitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // loop: check deadline and heartbeat
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof TaskFailedException tf) throw new StatesError(tf.error(), tf.cause());
                if (c instanceof StatesError se) throw se;
                if (c instanceof InterruptedException ie) throw ie;
                throw new StatesError("States.TaskFailed", String.valueOf(c));
            }
        }
    }
}
