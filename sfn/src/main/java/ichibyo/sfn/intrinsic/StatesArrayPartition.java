package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.ArrayPartition(array, size)}: chunks of at most {@code size} items. */
final class StatesArrayPartition implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.ArrayPartition", 2, 2);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        ArrayNode in = Arguments.array(SIGNATURE.name(), args.get(0));
        int size = Arguments.positiveInt(SIGNATURE.name(), args.get(1));
        ArrayNode out = Json.array();
        ArrayNode chunk = null;
        for (JsonNode n : in) {
            if (chunk == null || chunk.size() == size) {
                chunk = Json.array();
                out.add(chunk);
            }
            chunk.add(n);
        }
        return out;
    }
}
