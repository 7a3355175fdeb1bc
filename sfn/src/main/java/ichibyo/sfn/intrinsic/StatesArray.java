package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.Array(values…)}: its arguments as an array. */
final class StatesArray implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.Array", 0, Signature.ANY);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        ArrayNode a = Json.array();
        args.forEach(a::add);
        return a;
    }
}
