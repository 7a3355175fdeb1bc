package ichibyo.local.sfn.asl.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.sfn.asl.Frame;
import ichibyo.local.sfn.asl.JsonPaths;
import java.time.Instant;
import java.util.Map;

/** One run of a state: its frame, entered event, retry count and the variables it assigned. */
public final class StateRun {
    public final State state;
    public final Frame frame;
    public final long enteredEventId;
    public final Instant enteredTime;
    int retryCount;
    Map<String, JsonNode> assigned;
    /** {@code $$.Map.Item} while a Map evaluates its ItemSelector. */
    JsonNode mapItem;
    /** {@code $$.Task.Token} for .waitForTaskToken tasks. */
    String taskToken;

    StateRun(State state, Frame frame, long enteredEventId, Instant enteredTime) {
        this.state = state;
        this.frame = frame;
        this.enteredEventId = enteredEventId;
        this.enteredTime = enteredTime;
    }

    public ObjectNode context() {
        Integer retries = state instanceof TaskState ? retryCount : null;
        return frame.execution.contextObject(state.name, enteredTime, retries, mapItem, taskToken);
    }

    public JsonPaths.Scope scope(JsonNode input) {
        return new JsonPaths.Scope(input, context(), frame.variables);
    }

    /** Records the state's Assign; the values take effect when the state ends, so every field of the state reads the old ones. */
    void assign(Map<String, JsonNode> values) {
        if (values == null) return;
        assigned = values;
    }

    void applyAssignments() {
        if (assigned != null) frame.variables.assignAll(assigned);
    }
}
