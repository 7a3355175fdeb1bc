package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.ArrayLength(array)}: the number of items. */
final class StatesArrayLength implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.ArrayLength", 1, 1);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        return Json.NODES.numberNode(Arguments.array(SIGNATURE.name(), args.get(0)).size());
    }
}
