package ichibyo.sfn.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.Variables;

/** Evaluates an intrinsic call over an input (and a small context object) as a payload template does. */
final class Calls {
    private Calls() {}

    static JsonNode eval(String call, String input) {
        JsonNode context = Json.parse("{\"Execution\":{\"Name\":\"run-1\",\"RedriveCount\":0},\"State\":{\"Name\":\"S\"}}");
        return Intrinsics.evaluate(call, new JsonPaths.Scope(Json.parse(input), context, new Variables(null)));
    }

    static JsonNode eval(String call) {
        return eval(call, "{}");
    }
}
