package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** States.MathRandom and States.MathAdd. */
final class MathFunctions {
    private MathFunctions() {}

    static void register(Map<String, IntrinsicFunction> f) {
        f.put("States.MathRandom", args -> {
            Intrinsics.arity("States.MathRandom", args, 2, 3);
            long start = ArrayFunctions.integer("States.MathRandom", args.get(0));
            long end = ArrayFunctions.integer("States.MathRandom", args.get(1));
            if (end <= start) throw Intrinsics.badArgument("States.MathRandom", "end must be greater than start");
            Random random = args.size() == 3 ? new Random(ArrayFunctions.integer("States.MathRandom", args.get(2))) : ThreadLocalRandom.current();
            return Json.NODES.numberNode(start + (long) (random.nextDouble() * (end - start)));
        });
        f.put("States.MathAdd", args -> {
            Intrinsics.arity("States.MathAdd", args, 2, 2);
            // AWS rounds each operand to an integer first (half up, as Java's Math.round).
            return Json.NODES.numberNode(Math.round(decimal(args.get(0)).doubleValue()) + Math.round(decimal(args.get(1)).doubleValue()));
        });
    }

    private static BigDecimal decimal(JsonNode n) {
        if (!n.isNumber()) throw Intrinsics.badArgument("States.MathAdd", "expected a number but got " + Json.typeName(n));
        return n.decimalValue();
    }
}
