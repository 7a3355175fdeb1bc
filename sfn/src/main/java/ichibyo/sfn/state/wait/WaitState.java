package ichibyo.sfn.state.wait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.error.StatesQueryEvaluationError;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.json.Timestamps;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateRun;
import java.time.Duration;
import java.time.Instant;

/** Wait: delays for Seconds or until Timestamp (or their paths / JSONata expressions). */
public final class WaitState extends State {
    private final JsonNode seconds;
    private final JsonNode timestamp;
    private final String secondsPath;
    private final String timestampPath;

    public WaitState(String name, ObjectNode raw, QueryLanguage inherited) {
        super(name, raw, inherited);
        seconds = raw.get("Seconds");
        timestamp = raw.get("Timestamp");
        secondsPath = raw.hasNonNull("SecondsPath") ? raw.get("SecondsPath").asText() : null;
        timestampPath = raw.hasNonNull("TimestampPath") ? raw.get("TimestampPath").asText() : null;
        int given = (seconds != null ? 1 : 0) + (timestamp != null ? 1 : 0) + (secondsPath != null ? 1 : 0) + (timestampPath != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: A Wait state needs exactly one of "
                    + "[Seconds, Timestamp, SecondsPath, TimestampPath] at /States/" + name);
        }
    }

    @Override
    protected Transition execute(StateRun run, JsonNode input) throws InterruptedException {
        if (language == QueryLanguage.JSONata) {
            ObjectNode states = states(run, input, null, null);
            if (seconds != null) {
                JsonNode s = JsonataExpressions.template(seconds, "Seconds", states, run.frame().variables());
                if (!s.isIntegralNumber() || s.longValue() < 0) {
                    throw new StatesQueryEvaluationError("The JSONata expression '" + exprText(seconds) + "' specified for the field 'Seconds'"
                            + " returned an unexpected result type. Expected 'integer', but was '" + Json.typeName(s) + "' for value: " + Json.write(s));
                }
                sleepSeconds(s.longValue());
            } else if (timestamp != null) {
                JsonNode t = JsonataExpressions.template(timestamp, "Timestamp", states, run.frame().variables());
                Instant until = t.isTextual() ? Timestamps.parse(t.textValue()) : null;
                if (until == null) {
                    throw new StatesQueryEvaluationError("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "
                            + (t.isTextual() ? t.textValue() : Json.write(t)));
                }
                sleepUntil(until);
            }
            return new Transition(next, outputJsonata(run, input, null));
        }
        JsonNode effective = inputPath(run, input);
        if (seconds != null) {
            sleepSeconds(seconds.asLong());
        } else if (timestamp != null) {
            sleepUntil(Timestamps.parse(timestamp.asText()));
        } else if (secondsPath != null) {
            JsonNode s = select(run, effective, secondsPath, "SecondsPath");
            if (!s.isNumber() || (!s.isIntegralNumber() && s.doubleValue() != Math.rint(s.doubleValue())) || s.isFloatingPointNumber()) {
                if (!s.isIntegralNumber()) {
                    throw new StatesRuntime("The SecondsPath parameter cannot be parsed as a long value: " + secondsPath + " == " + text(s));
                }
            }
            if (s.longValue() < 0) throw new StatesRuntime("The SecondsPath parameter references a negative value: " + secondsPath + " == " + text(s));
            sleepSeconds(s.longValue());
        } else if (timestampPath != null) {
            JsonNode t = select(run, effective, timestampPath, "TimestampPath");
            Instant until = t.isTextual() ? Timestamps.parse(t.textValue()) : null;
            if (until == null) {
                throw new StatesRuntime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                        + timestampPath + " == " + text(t));
            }
            sleepUntil(until);
        }
        assignJsonPath(run, effective);
        return new Transition(next, outputPath(run, effective));
    }

    private static String exprText(JsonNode n) {
        return JsonataExpressions.isExpression(n) ? JsonataExpressions.body(n.textValue()) : Json.write(n);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.textValue() : Json.write(n);
    }

    private JsonNode select(StateRun run, JsonNode effective, String path, String field) {
        try {
            return JsonPaths.select(path, run.scope(effective));
        } catch (JsonPaths.NotFound e) {
            throw new StatesRuntime("The " + field + " parameter does not reference an input value: " + path);
        }
    }

    private static void sleepSeconds(long s) throws InterruptedException {
        if (s > 0) Thread.sleep(Duration.ofSeconds(s));
    }

    private static void sleepUntil(Instant until) throws InterruptedException {
        long ms = Duration.between(Instant.now(), until).toMillis();
        if (ms > 0) Thread.sleep(ms);
    }
}
