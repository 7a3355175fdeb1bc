package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.ArrayContains(array, value)}: whether the array holds the value (numbers compared by value). */
final class StatesArrayContains implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.ArrayContains", 2, 2);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        ArrayNode in = Arguments.array(SIGNATURE.name(), args.get(0));
        for (JsonNode n : in) if (Arguments.equalValues(n, args.get(1))) return Json.NODES.booleanNode(true);
        return Json.NODES.booleanNode(false);
    }
}
