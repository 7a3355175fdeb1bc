package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/**
 * {@code States.Format(template, values…)}: each {@code {}} of the template replaced by the next value. In a
 * string literal template {@code \{ \}} are literal braces (not a placeholder) and {@code \\} a backslash; a
 * template read from a path is taken as it is. Values render as AWS renders them ({@link Arguments#text}).
 */
final class StatesFormat implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.Format", 0, Signature.ANY);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        return apply(args, List.of());
    }

    @Override
    public JsonNode apply(List<JsonNode> args, List<IntrinsicCall.Argument> written) {
        if (args.isEmpty() || !args.get(0).isTextual()) throw Arguments.bad(SIGNATURE.name(), "the first argument must be a string");
        boolean literal = !written.isEmpty() && written.get(0) instanceof IntrinsicCall.Literal l && l.template() != null;
        String template = literal ? ((IntrinsicCall.Literal) written.get(0)).template() : args.get(0).textValue();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (literal && c == '\\' && i + 1 < template.length() && "{}\\".indexOf(template.charAt(i + 1)) >= 0) {
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
