package ichibyo.sfn.state.choice;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.error.StatesQueryEvaluationError;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.json.Timestamps;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.state.StateRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Choice Rule: a comparison of a Variable (String…, Numeric…, Boolean…, Timestamp… and their
 * …Path forms, Is…), a combination (And, Or, Not), or in JSONata a Condition.
 */
final class ChoiceRule {
    private static final Set<String> OPERATORS = Set.of(
            "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
            "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
            "BooleanEquals", "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals",
            "TimestampGreaterThanEquals", "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    final String next;
    final JsonNode assign;
    final JsonNode output;
    private final JsonNode rule;

    ChoiceRule(JsonNode rule, boolean topLevel) {
        this.rule = rule;
        this.next = topLevel ? rule.path("Next").asText(null) : null;
        this.assign = rule.get("Assign");
        this.output = rule.get("Output");
        validate(rule);
    }

    private static void validate(JsonNode rule) {
        if (rule.has("And") || rule.has("Or") || rule.has("Not") || rule.has("Condition")) return;
        if (!rule.has("Variable")) throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: The Choice rule has no Variable or Condition");
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            String op = f.endsWith("Path") ? f.substring(0, f.length() - 4) : f;
            if (OPERATORS.contains(op)) return;
        }
        throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: The Choice rule has no comparison operator");
    }

    boolean matches(StateRun run, JsonNode input, JsonNode states) {
        return evaluate(rule, run, input, states);
    }

    private static boolean evaluate(JsonNode rule, StateRun run, JsonNode input, JsonNode states) {
        if (rule.has("Condition")) {
            JsonNode c = rule.get("Condition");
            JsonNode v = JsonataExpressions.isExpression(c)
                    ? JsonataExpressions.evaluate(JsonataExpressions.body(c.textValue()), "Condition", states, run.frame().variables()) : c;
            if (!v.isBoolean()) {
                throw new StatesQueryEvaluationError("The JSONata expression '" + c.asText() + "' specified for the field 'Condition'"
                        + " returned an unexpected result type. Expected 'boolean', but was '" + Json.typeName(v) + "' for value: " + Json.write(v));
            }
            return v.booleanValue();
        }
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) if (!evaluate(r, run, input, states)) return false;
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) if (evaluate(r, run, input, states)) return true;
            return false;
        }
        if (rule.has("Not")) return !evaluate(rule.get("Not"), run, input, states);
        String variable = rule.get("Variable").asText();
        JsonPaths.Scope scope = run.scope(input);
        JsonNode value;
        try {
            value = JsonPaths.select(variable, scope);
        } catch (JsonPaths.NotFound e) {
            value = null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String op = e.getKey();
            if (op.equals("Variable") || op.equals("Next") || op.equals("Assign") || op.equals("Output") || op.equals("Comment")) continue;
            JsonNode operand = e.getValue();
            if (op.endsWith("Path") && !op.startsWith("Is")) {
                op = op.substring(0, op.length() - 4);
                try {
                    operand = JsonPaths.select(operand.asText(), scope);
                } catch (JsonPaths.NotFound nf) {
                    throw new StatesRuntime("Invalid path '" + e.getValue().asText() + "' : " + nf.getMessage());
                }
            }
            if (value == null && !op.equals("IsPresent")) {
                if (op.startsWith("Is")) return false;
                throw new StatesRuntime("Invalid path '" + variable + "': The choice state's condition path references an invalid value.");
            }
            return compare(op, value, operand);
        }
        return false;
    }

    private static boolean compare(String op, JsonNode v, JsonNode operand) {
        switch (op) {
            case "IsPresent": return (v != null) == operand.asBoolean();
            case "IsNull": return v.isNull() == operand.asBoolean();
            case "IsNumeric": return v.isNumber() == operand.asBoolean();
            case "IsString": return v.isTextual() == operand.asBoolean();
            case "IsBoolean": return v.isBoolean() == operand.asBoolean();
            case "IsTimestamp": return (v.isTextual() && Timestamps.parse(v.textValue()) != null) == operand.asBoolean();
            case "BooleanEquals": return v.isBoolean() && operand.isBoolean() && v.booleanValue() == operand.booleanValue();
            case "StringMatches": return v.isTextual() && operand.isTextual() && wildcard(operand.textValue()).matcher(v.textValue()).matches();
            default: break;
        }
        if (op.startsWith("String")) {
            if (!v.isTextual() || !operand.isTextual()) return false;
            return order(op.substring(6), v.textValue().compareTo(operand.textValue()));
        }
        if (op.startsWith("Numeric")) {
            if (!v.isNumber() || !operand.isNumber()) return false;
            return order(op.substring(7), v.decimalValue().compareTo(operand.decimalValue()));
        }
        if (op.startsWith("Timestamp")) {
            if (!v.isTextual() || !operand.isTextual()) return false;
            Instant a = Timestamps.parse(v.textValue());
            Instant b = Timestamps.parse(operand.textValue());
            if (a == null || b == null) return false;
            return order(op.substring(9), a.compareTo(b));
        }
        throw new StatesRuntime("Unsupported Choice operator: " + op);
    }

    private static boolean order(String relation, int cmp) {
        return switch (relation) {
            case "Equals" -> cmp == 0;
            case "LessThan" -> cmp < 0;
            case "GreaterThan" -> cmp > 0;
            case "LessThanEquals" -> cmp <= 0;
            case "GreaterThanEquals" -> cmp >= 0;
            default -> throw new StatesRuntime("Unsupported Choice operator relation: " + relation);
        };
    }

    /** StringMatches: {@code *} is any run of characters; {@code \*} and {@code \\} are literal. */
    private static Pattern wildcard(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    static List<ChoiceRule> list(JsonNode choices) {
        List<ChoiceRule> rules = new ArrayList<>();
        for (JsonNode c : choices) rules.add(new ChoiceRule(c, true));
        return rules;
    }
}
