package ichibyo.sfn.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.intrinsic.IntrinsicParser;
import ichibyo.sfn.intrinsic.Intrinsics;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.JsonPaths;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payload templates of the JSONPath language (Parameters, ResultSelector, ItemSelector, Assign):
 * a key ending in {@code .$} takes the value of a path or an intrinsic function call.
 */
public final class PayloadTemplate {
    private PayloadTemplate() {}

    public static JsonNode evaluate(JsonNode template, JsonPaths.Scope scope) {
        if (template.isObject()) {
            ObjectNode out = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.endsWith(".$")) {
                    out.set(key.substring(0, key.length() - 2), dynamic(key, e.getValue(), scope));
                } else {
                    out.set(key, evaluate(e.getValue(), scope));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.array();
            for (JsonNode n : template) out.add(evaluate(n, scope));
            return out;
        }
        return template;
    }

    /** Assign: like a template at the top level, kept as variable name → value. */
    public static Map<String, JsonNode> evaluateAssign(JsonNode assign, JsonPaths.Scope scope) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = assign.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.endsWith(".$")) values.put(key.substring(0, key.length() - 2), dynamic(key, e.getValue(), scope));
            else values.put(key, evaluate(e.getValue(), scope));
        }
        return values;
    }

    public static JsonNode dynamic(String key, JsonNode value, JsonPaths.Scope scope) {
        String expr = value.asText();
        if (IntrinsicParser.isCall(expr)) return Intrinsics.evaluate(expr, scope);
        try {
            return JsonPaths.select(expr, scope);
        } catch (JsonPaths.NotFound e) {
            JsonNode searched = expr.startsWith("$$") ? scope.context() : scope.input();
            throw new StatesRuntime("The JSONPath '" + expr + "' specified for the field '" + key
                    + "' could not be found in the input '" + Json.write(searched) + "'");
        }
    }
}
