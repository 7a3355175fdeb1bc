package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.math.BigDecimal;
import java.util.List;

/** {@code States.MathAdd(a, b)}: the sum, each operand first rounded to an integer (half up), as AWS does. */
final class StatesMathAdd implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.MathAdd", 2, 2);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        return Json.NODES.numberNode(Math.round(decimal(args.get(0)).doubleValue()) + Math.round(decimal(args.get(1)).doubleValue()));
    }

    private static BigDecimal decimal(JsonNode n) {
        if (!n.isNumber()) throw Arguments.bad(SIGNATURE.name(), "expected a number but got " + Json.typeName(n));
        return n.decimalValue();
    }
}
