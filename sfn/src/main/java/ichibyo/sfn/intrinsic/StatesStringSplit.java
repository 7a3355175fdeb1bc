package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ichibyo.sfn.json.Json;
import java.util.List;

/** {@code States.StringSplit(string, delimiters)}: the pieces between any of the delimiter characters, empty pieces dropped. */
final class StatesStringSplit implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.StringSplit", 2, 2);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        if (!args.get(0).isTextual() || !args.get(1).isTextual()) throw Arguments.bad(SIGNATURE.name(), "expected two strings");
        String s = args.get(0).textValue();
        String delimiters = args.get(1).textValue();
        ArrayNode out = Json.array();
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
    }
}
