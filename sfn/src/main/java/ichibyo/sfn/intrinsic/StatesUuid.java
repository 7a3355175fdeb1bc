package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.util.List;
import java.util.UUID;

/** {@code States.UUID()}: a random version 4 UUID. */
final class StatesUuid implements IntrinsicFunction {
    static final Signature SIGNATURE = new Signature("States.UUID", 0, 0);

    @Override
    public Signature signature() {
        return SIGNATURE;
    }

    @Override
    public JsonNode apply(List<JsonNode> args) {
        return Json.NODES.textNode(UUID.randomUUID().toString());
    }
}
