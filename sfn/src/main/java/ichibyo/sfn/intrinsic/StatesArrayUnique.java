package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code States.ArrayUnique(array)}: the items without repeats, first occurrences kept in order. */
final class StatesArrayUnique implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.ArrayUnique", 1, 1);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        LinkedHashSet<JsonNode> seen = new LinkedHashSet<>();
        for (JsonNode n : Arguments.array(SIGNATURE.name(), args.get(0))) seen.add(n);
        ArrayNode out = Json.array();
        seen.forEach(out::add);
        return out;
    }
}
