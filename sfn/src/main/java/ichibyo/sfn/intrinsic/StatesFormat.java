package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.Format(template, values…)}: each {@code {}} of the template replaced by the next value ({@code \{ \} \\} escape); the template is checked here, so that a missing one fails like a bad argument, as before. */
final class StatesFormat implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.Format", 0, Signature.ANY);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        if (args.isEmpty() || !args.get(0).isTextual()) throw Arguments.bad(SIGNATURE.name(), "the first argument must be a string");
        String template = args.get(0).textValue();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && "{}\\".indexOf(template.charAt(i + 1)) >= 0) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) throw Arguments.bad(SIGNATURE.name(), "more placeholders than arguments");
                out.append(Arguments.text(args.get(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) throw Arguments.bad(SIGNATURE.name(), "more arguments than placeholders");
        return Json.NODES.textNode(out.toString());
    }
}
