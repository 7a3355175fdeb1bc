package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.ArrayRange(start, end, step)}: the integers from start to end inclusive, at most 1,000. */
final class StatesArrayRange implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.ArrayRange", 3, 3);
    private static final int MAX_RANGE = 1000;

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        long start = Arguments.integer(SIGNATURE.name(), args.get(0));
        long end = Arguments.integer(SIGNATURE.name(), args.get(1));
        long step = Arguments.integer(SIGNATURE.name(), args.get(2));
        if (step == 0) throw Arguments.bad(SIGNATURE.name(), "step must not be 0");
        ArrayNode out = Json.array();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            out.add(i);
            if (out.size() > MAX_RANGE) throw Arguments.bad(SIGNATURE.name(), "more than " + MAX_RANGE + " items");
        }
        return out;
    }
}
