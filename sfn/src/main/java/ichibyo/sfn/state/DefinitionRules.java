package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.intrinsic.IntrinsicParser;
import ichibyo.sfn.intrinsic.Intrinsics;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.QueryLanguage;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The definition rules every state follows: fields of the other query language, valid payload templates. */
final class DefinitionRules {
    private DefinitionRules() {}

    static void check(String name, ObjectNode raw, QueryLanguage language) {
        List<String> jsonPathOnly = List.of("InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
                "ItemsPath", "Iterator", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "TimeoutSecondsPath",
                "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath");
        List<String> jsonataOnly = List.of("Arguments", "Output", "Items", "Condition");
        for (String f : language == QueryLanguage.JSONata ? jsonPathOnly : jsonataOnly) {
            if (raw.has(f)) {
                throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported for the query language "
                        + language + " at /States/" + name + "/" + f);
            }
        }
        if (language == QueryLanguage.JSONPath) {
            for (String f : List.of("Parameters", "ResultSelector", "ItemSelector", "Assign")) {
                if (raw.has(f)) validateTemplate(raw.get(f), "/States/" + name + "/" + f);
            }
        }
    }

    /** Every {@code .$} value of a payload template must be a path or a valid intrinsic function call. */
    private static void validateTemplate(JsonNode template, String where) {
        if (template.isArray()) {
            int i = 0;
            for (JsonNode n : template) validateTemplate(n, where + "[" + i++ + "]");
            return;
        }
        if (!template.isObject()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().endsWith(".$")) {
                validateTemplate(e.getValue(), where + "/" + e.getKey());
                continue;
            }
            String value = e.getValue().isTextual() ? e.getValue().textValue() : null;
            boolean ok = value != null && (JsonPaths.isPath(value) || validIntrinsic(value));
            if (!ok) {
                throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: The value for the field '" + e.getKey()
                        + "' must be a valid JSONPath or a valid intrinsic function call at " + where);
            }
        }
    }

    private static boolean validIntrinsic(String value) {
        if (!IntrinsicParser.isCall(value)) return false;
        try {
            Intrinsics.validate(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
