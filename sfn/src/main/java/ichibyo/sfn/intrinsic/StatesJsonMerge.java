package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code States.JsonMerge(a, b, false)}: a shallow merge, b's fields winning (deep merges are not supported). */
final class StatesJsonMerge implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.JsonMerge", 3, 3);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        if (!args.get(0).isObject() || !args.get(1).isObject()) throw Arguments.bad(SIGNATURE.name(), "expected two objects");
        if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
            throw Arguments.bad(SIGNATURE.name(), "only shallow merges (false) are supported");
        }
        ObjectNode out = args.get(0).deepCopy();
        out.setAll((ObjectNode) args.get(1));
        return out;
    }
}
