package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.JsonToString(value)}: the value as compact JSON text. */
final class StatesJsonToString implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.JsonToString", 1, 1);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        return Json.NODES.textNode(Json.write(args.get(0)));
    }
}
