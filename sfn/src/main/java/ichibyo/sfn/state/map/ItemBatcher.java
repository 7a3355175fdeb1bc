package ichibyo.sfn.state.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.state.StateRun;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's ItemBatcher: groups the (selected) items into {@code {"BatchInput": …, "Items": […]}}
 * inputs of at most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes.
 */
public final class ItemBatcher {
    private ItemBatcher() {}

    /** The child inputs: the items themselves when the state has no ItemBatcher. */
    public static List<JsonNode> batch(MapState state, StateRun run, JsonNode effective, List<JsonNode> inputs) {
        if (state.itemBatcher() == null) return inputs;
        long maxItems = state.batcherLimit(run, effective, "MaxItemsPerBatch");
        long maxBytes = state.batcherLimit(run, effective, "MaxInputBytesPerBatch");
        JsonNode batchInput = state.batchInput(run, effective);
        if (maxItems <= 0 && maxBytes <= 0) maxItems = Integer.MAX_VALUE;
        List<JsonNode> batches = new ArrayList<>();
        ArrayNode current = Json.array();
        long bytes = 0;
        for (JsonNode item : inputs) {
            int size = Json.sizeInBytes(item);
            boolean full = (maxItems > 0 && current.size() >= maxItems) || (maxBytes > 0 && !current.isEmpty() && bytes + size > maxBytes);
            if (full) {
                batches.add(batchOf(batchInput, current));
                current = Json.array();
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) batches.add(batchOf(batchInput, current));
        return batches;
    }

    private static JsonNode batchOf(JsonNode batchInput, ArrayNode items) {
        ObjectNode o = Json.object();
        if (batchInput != null) o.set("BatchInput", batchInput);
        o.set("Items", items);
        return o;
    }
}
