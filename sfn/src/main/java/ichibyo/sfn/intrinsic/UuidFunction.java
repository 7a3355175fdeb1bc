package ichibyo.sfn.intrinsic;

import ichibyo.sfn.json.Json;
import java.util.Map;
import java.util.UUID;

/** States.UUID: a random version 4 UUID. */
final class UuidFunction {
    private UuidFunction() {}

    static void register(Map<String, IntrinsicFunction> f) {
        f.put("States.UUID", args -> {
            Intrinsics.arity("States.UUID", args, 0, 0);
            return Json.NODES.textNode(UUID.randomUUID().toString());
        });
    }
}
