package ichibyo.sfn.state.map;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.json.Json;
import java.math.BigDecimal;

/**
 * The Map state's numbers read through a {@code …Path} field (MaxConcurrencyPath, ToleratedFailureCountPath,
 * ToleratedFailurePercentagePath, ReaderConfig.MaxItemsPath), checked and worded as AWS does: a value that is
 * no number fails with {@code The <Field>Path field refers to value "<v>" which is not a valid integer|float: <path>}.
 */
final class PathNumbers {
    private PathNumbers() {}

    static double read(String field, String path, JsonNode v) {
        if ("ToleratedFailurePercentage".equals(field)) {
            double pct = decimal(field, path, v, "float").doubleValue();
            if (pct < 0 || pct > 100) throw new StatesRuntime("ToleratedFailurePercentage must be between 0 and 100.");
            return pct;
        }
        // A fraction is cut off, as for MaxConcurrency literals on AWS (not recorded for the Path forms).
        long n = decimal(field, path, v, "integer").longValue();
        if (n < 0) {
            if ("ToleratedFailureCount".equals(field)) throw new StatesRuntime("ToleratedFailureCount cannot be negative.");
            throw new StatesRuntime("Expected non-negative integer for " + field + ", got '" + n + "' instead.");
        }
        return n;
    }

    /** The number a value holds: a JSON number or a string of one, as AWS also accepts. */
    private static BigDecimal decimal(String field, String path, JsonNode v, String kind) {
        if (v != null && v.isNumber()) return v.decimalValue();
        if (v != null && v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().trim());
            } catch (NumberFormatException e) {
                // worded below
            }
        }
        String shown = v == null ? "null" : v.isTextual() ? v.textValue() : Json.write(v);
        throw new StatesRuntime("The " + field + "Path field refers to value \"" + shown + "\" which is not a valid " + kind + ": " + path);
    }
}
