package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import ichibyo.sfn.task.TaskRunner;
import java.util.UUID;

/**
 * {@code arn:aws:states:::states:startExecution} (and {@code .sync}, {@code .sync:2}, {@code .waitForTaskToken}):
 * starts a child execution of this emulator and, for .sync, waits for it and returns it as DescribeExecution would.
 */
final class StartExecutionRunner implements TaskRunner {
    private final Executions executions;
    private final Store store;

    StartExecutionRunner(Executions executions, Store store) {
        this.executions = executions;
        this.store = store;
    }

    @Override
    public JsonNode run(TaskRequest request) throws TaskFailedException, InterruptedException {
        if (!request.action().equals("startExecution")) {
            throw new TaskFailedException("States.Runtime", "The action states:" + request.action() + " is not supported");
        }
        JsonNode p = request.parameters();
        String machineArn = p.path("StateMachineArn").asText(null);
        if (machineArn == null) throw new TaskFailedException("States.Runtime", "The parameter StateMachineArn is required");
        JsonNode in = p.get("Input");
        String input = in == null || in.isNull() ? "{}" : in.isTextual() ? in.textValue() : Json.write(in);
        String name = p.hasNonNull("Name") ? p.get("Name").asText() : UUID.randomUUID().toString();
        ExecutionRecord child;
        try {
            child = executions.start(store.machine(machineArn), name, input, null, request.executionArn());
        } catch (ApiException e) {
            throw new TaskFailedException("StepFunctions." + e.type() + "Exception", e.getMessage());
        }
        if (request.pattern() != IntegrationPattern.RUN_JOB) {
            ObjectNode out = Json.object();
            out.put("ExecutionArn", child.arn);
            out.put("StartDate", child.startDate.toEpochMilli());
            return out;
        }
        try {
            child.done.await();
        } catch (InterruptedException e) {
            executions.stop(child, "States.Aborted", "The parent execution was stopped or the task timed out");
            throw e;
        }
        boolean sync2 = request.resource().endsWith(":2");
        ObjectNode out = Json.object();
        out.put("ExecutionArn", child.arn);
        out.put("Input", child.input);
        if (sync2) out.set("Input", Json.parse(child.input));
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", child.name);
        if (child.output != null) {
            if (sync2) out.set("Output", Json.parse(child.output));
            else out.put("Output", child.output);
            out.putObject("OutputDetails").put("Included", true);
        }
        out.put("RedriveCount", child.redriveCount);
        out.put("RedriveStatus", "NOT_REDRIVABLE");
        out.put("StartDate", child.startDate.toEpochMilli());
        out.put("StateMachineArn", child.machine.arn);
        out.put("Status", child.status.name());
        out.put("StopDate", child.stopDate.toEpochMilli());
        if (child.status != ExecutionStatus.SUCCEEDED) {
            if (child.error != null) out.put("Error", child.error);
            if (child.cause != null) out.put("Cause", child.cause);
            throw new TaskFailedException("States.TaskFailed", Json.write(out));
        }
        return out;
    }
}
