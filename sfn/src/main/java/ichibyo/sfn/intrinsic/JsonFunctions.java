package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import java.util.Map;

/** States.StringToJson, States.JsonToString and States.JsonMerge. */
final class JsonFunctions {
    private JsonFunctions() {}

    static void register(Map<String, IntrinsicFunction> f) {
        f.put("States.StringToJson", args -> {
            Intrinsics.arity("States.StringToJson", args, 1, 1);
            if (!args.get(0).isTextual()) throw Intrinsics.badArgument("States.StringToJson", "expected a string");
            return Json.parse(args.get(0).textValue());
        });
        f.put("States.JsonToString", args -> {
            Intrinsics.arity("States.JsonToString", args, 1, 1);
            return Json.NODES.textNode(Json.write(args.get(0)));
        });
        f.put("States.JsonMerge", args -> {
            Intrinsics.arity("States.JsonMerge", args, 3, 3);
            if (!args.get(0).isObject() || !args.get(1).isObject()) throw Intrinsics.badArgument("States.JsonMerge", "expected two objects");
            if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
                throw Intrinsics.badArgument("States.JsonMerge", "only shallow merges (false) are supported");
            }
            ObjectNode out = args.get(0).deepCopy();
            out.setAll((ObjectNode) args.get(1));
            return out;
        });
    }

}
