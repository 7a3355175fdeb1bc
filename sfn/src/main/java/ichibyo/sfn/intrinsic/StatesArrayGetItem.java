package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** {@code States.ArrayGetItem(array, index)}: the item at a zero-based index. */
final class StatesArrayGetItem implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.ArrayGetItem", 2, 2);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        ArrayNode in = Arguments.array(SIGNATURE.name(), args.get(0));
        long i = Arguments.integer(SIGNATURE.name(), args.get(1));
        if (i < 0 || i >= in.size()) throw Arguments.bad(SIGNATURE.name(), "index " + i + " out of bounds");
        return in.get((int) i);
    }
}
