package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.StringToJson(string)}: the JSON value the string holds. */
final class StatesStringToJson implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.StringToJson", 1, 1);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        if (!args.get(0).isTextual()) throw Arguments.bad(SIGNATURE.name(), "expected a string");
        // AWS recorded: an empty or blank string is null (Jackson reads it as a missing node).
        JsonNode parsed = Json.parse(args.get(0).textValue());
        return parsed == null || parsed.isMissingNode() ? Json.NODES.nullNode() : parsed;
    }
}
