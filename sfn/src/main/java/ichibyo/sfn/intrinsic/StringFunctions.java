package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;
import java.util.Map;

/** States.Format and States.StringSplit. */
final class StringFunctions {
    private StringFunctions() {}

    static void register(Map<String, IntrinsicFunction> f) {
        f.put("States.Format", args -> {
            if (args.isEmpty() || !args.get(0).isTextual()) throw Intrinsics.badArgument("States.Format", "the first argument must be a string");
            String template = args.get(0).textValue();
            StringBuilder out = new StringBuilder();
            int next = 1;
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c == '\\' && i + 1 < template.length() && "{}\\".indexOf(template.charAt(i + 1)) >= 0) {
                    out.append(template.charAt(++i));
                } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    if (next >= args.size()) throw Intrinsics.badArgument("States.Format", "more placeholders than arguments");
                    out.append(text(args.get(next++)));
                    i++;
                } else {
                    out.append(c);
                }
            }
            if (next != args.size()) throw Intrinsics.badArgument("States.Format", "more arguments than placeholders");
            return Json.NODES.textNode(out.toString());
        });
        f.put("States.StringSplit", args -> {
            Intrinsics.arity("States.StringSplit", args, 2, 2);
            if (!args.get(0).isTextual() || !args.get(1).isTextual()) throw Intrinsics.badArgument("States.StringSplit", "expected two strings");
            String s = args.get(0).textValue();
            String delimiters = args.get(1).textValue();
            ArrayNode out = Json.array();
            // Each character of the second argument is a delimiter; empty pieces are dropped.
            StringBuilder piece = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (delimiters.indexOf(c) >= 0) {
                    if (!piece.isEmpty()) out.add(piece.toString());
                    piece.setLength(0);
                } else {
                    piece.append(c);
                }
            }
            if (!piece.isEmpty()) out.add(piece.toString());
            return out;
        });
    }

    /** How a value appears in a formatted string: strings raw, everything else as JSON. */
    static String text(JsonNode n) {
        if (n.isTextual()) return n.textValue();
        return Json.write(n);
    }
}
