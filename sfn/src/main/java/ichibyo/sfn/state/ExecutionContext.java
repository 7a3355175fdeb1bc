package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.history.History;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.json.Timestamps;
import ichibyo.sfn.task.TaskRunners;
import java.time.Instant;

/**
 * What the states of one execution share: the execution's identity (for the context object), its
 * history, the task runners, the task tokens and the hook that runs Distributed Map children.
 * Built with {@link #builder()}.
 */
public final class ExecutionContext {
    private final String executionArn;
    private final String executionName;
    private final JsonNode input;
    private final Instant startTime;
    private final String roleArn;
    private final String stateMachineArn;
    private final String stateMachineName;
    private final int redriveCount;
    private final Instant redriveTime;
    private final String region;
    private final String accountId;
    private final History history;
    private final TaskRunners runners;
    private final TaskTokens tokens;
    private final DistributedMapRunner distributedMaps;

    private ExecutionContext(Builder b) {
        this.executionArn = b.executionArn;
        this.executionName = b.executionName;
        this.input = b.input;
        this.startTime = b.startTime;
        this.roleArn = b.roleArn;
        this.stateMachineArn = b.stateMachineArn;
        this.stateMachineName = b.stateMachineName;
        this.redriveCount = b.redriveCount;
        this.redriveTime = b.redriveTime;
        this.region = b.region;
        this.accountId = b.accountId;
        this.history = b.history;
        this.runners = b.runners;
        this.tokens = b.tokens;
        this.distributedMaps = b.distributedMaps;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String executionArn() {
        return executionArn;
    }

    public String executionName() {
        return executionName;
    }

    public JsonNode input() {
        return input;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public History history() {
        return history;
    }

    public TaskRunners runners() {
        return runners;
    }

    public TaskTokens tokens() {
        return tokens;
    }

    public DistributedMapRunner distributedMaps() {
        return distributedMaps;
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

    /** Names every part of an execution context; unset parts are null (0 for the redrive count). */
    public static final class Builder {
        private String executionArn;
        private String executionName;
        private JsonNode input;
        private Instant startTime;
        private String roleArn;
        private String stateMachineArn;
        private String stateMachineName;
        private int redriveCount;
        private Instant redriveTime;
        private String region;
        private String accountId;
        private History history;
        private TaskRunners runners;
        private TaskTokens tokens;
        private DistributedMapRunner distributedMaps;

        private Builder() {}

        public Builder executionArn(String v) { executionArn = v; return this; }

        public Builder executionName(String v) { executionName = v; return this; }

        public Builder input(JsonNode v) { input = v; return this; }

        public Builder startTime(Instant v) { startTime = v; return this; }

        public Builder roleArn(String v) { roleArn = v; return this; }

        public Builder stateMachineArn(String v) { stateMachineArn = v; return this; }

        public Builder stateMachineName(String v) { stateMachineName = v; return this; }

        public Builder redriveCount(int v) { redriveCount = v; return this; }

        /** When the execution was last redriven, or null. */
        public Builder redriveTime(Instant v) { redriveTime = v; return this; }

        public Builder region(String v) { region = v; return this; }

        public Builder accountId(String v) { accountId = v; return this; }

        public Builder history(History v) { history = v; return this; }

        public Builder runners(TaskRunners v) { runners = v; return this; }

        public Builder tokens(TaskTokens v) { tokens = v; return this; }

        public Builder distributedMaps(DistributedMapRunner v) { distributedMaps = v; return this; }

        public ExecutionContext build() {
            return new ExecutionContext(this);
        }
    }
}
