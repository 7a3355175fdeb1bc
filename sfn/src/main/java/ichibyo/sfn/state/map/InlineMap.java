package ichibyo.sfn.state.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesError;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.state.Frame;
import ichibyo.sfn.state.StateRun;
import ichibyo.sfn.state.StatesBlock;
import ichibyo.sfn.state.internal.Branches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** An INLINE Map: one iteration per item inside the execution, each with its own lane of events and variable scope. */
final class InlineMap {
    private InlineMap() {}

    static JsonNode run(MapState state, StatesBlock processor, StateRun run, ArrayNode list, JsonNode effective, int concurrency)
            throws InterruptedException {
        ObjectNode started = Json.object();
        started.put("length", list.size());
        run.frame().lane().add("MapStateStarted", "mapStateStartedEventDetails", started);
        List<Callable<JsonNode>> children = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            int index = i;
            JsonNode item = list.get(i);
            children.add(() -> {
                Frame child = run.frame().child();
                JsonNode iterationInput = state.selectItem(run, effective, index, item);
                ObjectNode details = Json.object();
                details.put("name", state.name());
                details.put("index", index);
                child.lane().add("MapIterationStarted", "mapIterationStartedEventDetails", details);
                try {
                    JsonNode out = processor.run(child, iterationInput);
                    child.lane().add("MapIterationSucceeded", "mapIterationSucceededEventDetails", details.deepCopy());
                    return out;
                } catch (StatesError e) {
                    child.lane().add("MapIterationFailed", "mapIterationFailedEventDetails", details.deepCopy());
                    throw e;
                } catch (InterruptedException e) {
                    child.lane().add("MapIterationAborted", "mapIterationAbortedEventDetails", details.deepCopy());
                    throw e;
                }
            });
        }
        List<JsonNode> outputs;
        try {
            outputs = Branches.runAll(children, concurrency);
        } catch (StatesError e) {
            run.frame().lane().add("MapStateFailed", null, null);
            throw e;
        }
        run.frame().lane().add("MapStateSucceeded", null, null);
        ArrayNode result = Json.array();
        outputs.forEach(result::add);
        return result;
    }
}
