package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** {@code States.MathRandom(start, end[, seed])}: a random integer from start (inclusive) to end (exclusive); the same seed gives the same number. */
final class StatesMathRandom implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.MathRandom", 2, 3);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        long start = rounded(args.get(0), "start");
        long end = rounded(args.get(1), "end");
        if (end <= start) throw Arguments.bad(SIGNATURE.name(), "the end (" + end + ") must be greater than the start (" + start + ")");
        Random random = args.size() == 3 ? new Random(rounded(args.get(2), "seed")) : ThreadLocalRandom.current();
        return Json.NODES.numberNode(start + (long) (random.nextDouble() * (end - start)));
    }

    /**
     * AWS: "If you specify a non-integer value for the start number or end number argument, Step Functions will
     * round it off to the nearest integer"; rounded like States.MathAdd's operands (half up, as recorded there).
     */
    private static long rounded(JsonNode n, String what) {
        if (n == null || !n.isNumber()) throw Arguments.bad(SIGNATURE.name(), "the " + what + " must be a number but was " + Json.typeName(n));
        return Math.round(n.doubleValue());
    }
}
