package ichibyo.sfn.intrinsic;

import ichibyo.sfn.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** States.Base64Encode and States.Base64Decode (at most 10,000 characters of input, as on AWS). */
final class EncodingFunctions {
    private static final int MAX_INPUT = 10_000;

    private EncodingFunctions() {}

    static void register(Map<String, IntrinsicFunction> f) {
        f.put("States.Base64Encode", args -> {
            Intrinsics.arity("States.Base64Encode", args, 1, 1);
            String s = string("States.Base64Encode", args.get(0));
            return Json.NODES.textNode(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        });
        f.put("States.Base64Decode", args -> {
            Intrinsics.arity("States.Base64Decode", args, 1, 1);
            String s = string("States.Base64Decode", args.get(0));
            return Json.NODES.textNode(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
        });
    }

    private static String string(String fn, com.fasterxml.jackson.databind.JsonNode n) {
        if (!n.isTextual()) throw Intrinsics.badArgument(fn, "expected a string");
        if (n.textValue().length() > MAX_INPUT) throw Intrinsics.badArgument(fn, "input longer than " + MAX_INPUT + " characters");
        return n.textValue();
    }
}
