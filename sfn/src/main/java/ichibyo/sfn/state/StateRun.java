package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.query.JsonPaths;
import java.time.Instant;
import java.util.Map;

/** One run of a state: its frame, entered event, retry count and the variables it assigned. */
public final class StateRun {
    private final State state;
    private final Frame frame;
    private final long enteredEventId;
    private final Instant enteredTime;
    int retryCount;
    Map<String, JsonNode> assigned;
    /** {@code $$.Map.Item} while a Map evaluates its ItemSelector. */
    private JsonNode mapItem;
    /** {@code $$.Task.Token} for .waitForTaskToken tasks. */
    private String taskToken;

    StateRun(State state, Frame frame, long enteredEventId, Instant enteredTime) {
        this.state = state;
        this.frame = frame;
        this.enteredEventId = enteredEventId;
        this.enteredTime = enteredTime;
    }

    public State state() {
        return state;
    }

    public Frame frame() {
        return frame;
    }

    public long enteredEventId() {
        return enteredEventId;
    }

    public Instant enteredTime() {
        return enteredTime;
    }

    /** The same run seen while a Map evaluates its ItemSelector for one item ({@code $$.Map.Item}). */
    public StateRun withMapItem(JsonNode item) {
        StateRun r = new StateRun(state, frame, enteredEventId, enteredTime);
        r.mapItem = item;
        return r;
    }

    /** The task token of a {@code .waitForTaskToken} task, or null. */
    public String taskToken() {
        return taskToken;
    }

    public void taskToken(String token) {
        this.taskToken = token;
    }

    public ObjectNode context() {
        // Only Task states have $$.State.RetryCount.
        Integer retries = "Task".equals(state.type()) ? retryCount : null;
        return frame.execution().contextObject(state.name(), enteredTime, retries, mapItem, taskToken);
    }

    public JsonPaths.Scope scope(JsonNode input) {
        return new JsonPaths.Scope(input, context(), frame.variables());
    }

    /** Records the state's Assign; the values take effect when the state ends, so every field of the state reads the old ones. */
    public void assign(Map<String, JsonNode> values) {
        if (values == null) return;
        assigned = values;
    }

    void applyAssignments() {
        if (assigned != null) frame.variables().assignAll(assigned);
    }
}
