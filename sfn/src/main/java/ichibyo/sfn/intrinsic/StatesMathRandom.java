package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** {@code States.MathRandom(start, end[, seed])}: a random integer from start (inclusive) to end (exclusive). */
final class StatesMathRandom implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.MathRandom", 2, 3);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        long start = Arguments.integer(SIGNATURE.name(), args.get(0));
        long end = Arguments.integer(SIGNATURE.name(), args.get(1));
        if (end <= start) throw Arguments.bad(SIGNATURE.name(), "end must be greater than start");
        Random random = args.size() == 3 ? new Random(Arguments.integer(SIGNATURE.name(), args.get(2))) : ThreadLocalRandom.current();
        return Json.NODES.numberNode(start + (long) (random.nextDouble() * (end - start)));
    }
}
