package ichibyo.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.sfn.task.TaskRunners;
import java.time.Instant;

/**
 * What the states of one execution share: the execution's identity (for the context object), its
 * history, the task runners, the task tokens and the hook that runs Distributed Map children.
 */
public final class ExecutionContext {
    public final String executionArn;
    public final String executionName;
    public final JsonNode input;
    public final Instant startTime;
    public final String roleArn;
    public final String stateMachineArn;
    public final String stateMachineName;
    public final int redriveCount;
    public final String region;
    public final String accountId;
    public final History history;
    public final TaskRunners runners;
    public final TaskTokens tokens;
    public final DistributedMapRunner distributedMaps;
    /** When the execution was last redriven, or null. */
    public volatile Instant redriveTime;

    public ExecutionContext(String executionArn, String executionName, JsonNode input, Instant startTime, String roleArn,
                            String stateMachineArn, String stateMachineName, int redriveCount, String region, String accountId,
                            History history, TaskRunners runners, TaskTokens tokens, DistributedMapRunner distributedMaps) {
        this.executionArn = executionArn;
        this.executionName = executionName;
        this.input = input;
        this.startTime = startTime;
        this.roleArn = roleArn;
        this.stateMachineArn = stateMachineArn;
        this.stateMachineName = stateMachineName;
        this.redriveCount = redriveCount;
        this.region = region;
        this.accountId = accountId;
        this.history = history;
        this.runners = runners;
        this.tokens = tokens;
        this.distributedMaps = distributedMaps;
    }

    /** The context object ({@code $$}, {@code $states.context}) as a state sees it. */
    public ObjectNode contextObject(String stateName, Instant enteredTime, Integer retryCount, JsonNode mapItem, String taskToken) {
        ObjectNode c = Json.object();
        ObjectNode ex = c.putObject("Execution");
        ex.put("Id", executionArn);
        ex.set("Input", input);
        ex.put("StartTime", Timestamps.format(startTime));
        ex.put("Name", executionName);
        ex.put("RoleArn", roleArn);
        ex.put("RedriveCount", redriveCount);
        if (redriveTime != null) ex.put("RedriveTime", Timestamps.format(redriveTime));
        ObjectNode sm = c.putObject("StateMachine");
        sm.put("Id", stateMachineArn);
        sm.put("Name", stateMachineName);
        ObjectNode st = c.putObject("State");
        st.put("Name", stateName);
        st.put("EnteredTime", Timestamps.format(enteredTime));
        if (retryCount != null) st.put("RetryCount", retryCount);
        if (mapItem != null) c.putObject("Map").set("Item", mapItem);
        if (taskToken != null) c.putObject("Task").put("Token", taskToken);
        return c;
    }
}
