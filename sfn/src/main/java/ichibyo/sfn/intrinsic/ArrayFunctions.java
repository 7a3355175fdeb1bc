package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;
import java.util.LinkedHashSet;
import java.util.Map;

/** States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
final class ArrayFunctions {
    private static final int MAX_RANGE = 1000;

    private ArrayFunctions() {}

    static void register(Map<String, IntrinsicFunction> f) {
        f.put("States.Array", args -> {
            ArrayNode a = Json.array();
            args.forEach(a::add);
            return a;
        });
        f.put("States.ArrayPartition", args -> {
            Intrinsics.arity("States.ArrayPartition", args, 2, 2);
            ArrayNode in = array("States.ArrayPartition", args.get(0));
            int size = positiveInt("States.ArrayPartition", args.get(1));
            ArrayNode out = Json.array();
            ArrayNode chunk = null;
            for (JsonNode n : in) {
                if (chunk == null || chunk.size() == size) {
                    chunk = Json.array();
                    out.add(chunk);
                }
                chunk.add(n);
            }
            return out;
        });
        f.put("States.ArrayContains", args -> {
            Intrinsics.arity("States.ArrayContains", args, 2, 2);
            ArrayNode in = array("States.ArrayContains", args.get(0));
            for (JsonNode n : in) if (equalValues(n, args.get(1))) return Json.NODES.booleanNode(true);
            return Json.NODES.booleanNode(false);
        });
        f.put("States.ArrayRange", args -> {
            Intrinsics.arity("States.ArrayRange", args, 3, 3);
            long start = integer("States.ArrayRange", args.get(0));
            long end = integer("States.ArrayRange", args.get(1));
            long step = integer("States.ArrayRange", args.get(2));
            if (step == 0) throw Intrinsics.badArgument("States.ArrayRange", "step must not be 0");
            ArrayNode out = Json.array();
            for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
                out.add(i);
                if (out.size() > MAX_RANGE) throw Intrinsics.badArgument("States.ArrayRange", "more than " + MAX_RANGE + " items");
            }
            return out;
        });
        f.put("States.ArrayGetItem", args -> {
            Intrinsics.arity("States.ArrayGetItem", args, 2, 2);
            ArrayNode in = array("States.ArrayGetItem", args.get(0));
            long i = integer("States.ArrayGetItem", args.get(1));
            if (i < 0 || i >= in.size()) throw Intrinsics.badArgument("States.ArrayGetItem", "index " + i + " out of bounds");
            return in.get((int) i);
        });
        f.put("States.ArrayLength", args -> {
            Intrinsics.arity("States.ArrayLength", args, 1, 1);
            return Json.NODES.numberNode(array("States.ArrayLength", args.get(0)).size());
        });
        f.put("States.ArrayUnique", args -> {
            Intrinsics.arity("States.ArrayUnique", args, 1, 1);
            LinkedHashSet<JsonNode> seen = new LinkedHashSet<>();
            for (JsonNode n : array("States.ArrayUnique", args.get(0))) seen.add(n);
            ArrayNode out = Json.array();
            seen.forEach(out::add);
            return out;
        });
    }

    static boolean equalValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }

    static ArrayNode array(String fn, JsonNode n) {
        if (n == null || !n.isArray()) throw Intrinsics.badArgument(fn, "expected an array but got " + Json.typeName(n));
        return (ArrayNode) n;
    }

    static long integer(String fn, JsonNode n) {
        if (n == null || !n.isNumber()) throw Intrinsics.badArgument(fn, "expected an integer but got " + Json.typeName(n));
        if (n.isIntegralNumber()) return n.longValue();
        double d = n.doubleValue();
        if (d != Math.rint(d)) throw Intrinsics.badArgument(fn, "expected an integer but got " + n);
        return (long) d;
    }

    static int positiveInt(String fn, JsonNode n) {
        long v = integer(fn, n);
        if (v <= 0) throw Intrinsics.badArgument(fn, "expected a positive integer but got " + v);
        return (int) v;
    }

}
