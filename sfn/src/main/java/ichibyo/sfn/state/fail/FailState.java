package ichibyo.sfn.state.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesError;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.intrinsic.IntrinsicParser;
import ichibyo.sfn.intrinsic.Intrinsics;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateRun;

/** Fail: stops the execution as failed with an Error and a Cause (or their paths/expressions). */
public final class FailState extends State {
    private final JsonNode error;
    private final JsonNode cause;
    private final String errorPath;
    private final String causePath;

    public FailState(String name, ObjectNode raw, QueryLanguage inherited) {
        super(name, raw, inherited);
        error = raw.get("Error");
        cause = raw.get("Cause");
        errorPath = raw.hasNonNull("ErrorPath") ? raw.get("ErrorPath").asText() : null;
        causePath = raw.hasNonNull("CausePath") ? raw.get("CausePath").asText() : null;
    }

    @Override
    protected Transition execute(StateRun run, JsonNode input) {
        String e;
        String c;
        if (language == QueryLanguage.JSONata) {
            ObjectNode states = states(run, input, null, null);
            e = error == null ? null : text(JsonataExpressions.template(error, "Error", states, run.frame().variables()));
            c = cause == null ? null : text(JsonataExpressions.template(cause, "Cause", states, run.frame().variables()));
        } else {
            e = errorPath != null ? path(run, input, errorPath, "ErrorPath") : error == null ? null : error.asText();
            c = causePath != null ? path(run, input, causePath, "CausePath") : cause == null ? null : cause.asText();
        }
        throw new StatesError(e, c);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.textValue() : Json.write(n);
    }

    private String path(StateRun run, JsonNode input, String path, String field) {
        JsonPaths.Scope scope = run.scope(input);
        // ErrorPath and CausePath also take an intrinsic function, e.g. States.Format('{}', $.error).
        if (IntrinsicParser.isCall(path)) return text(Intrinsics.evaluate(path, scope));
        try {
            return text(JsonPaths.select(path, scope));
        } catch (JsonPaths.NotFound ex) {
            JsonNode searched = path.startsWith("$$") ? scope.context() : input;
            throw new StatesRuntime("The JSONPath '" + path + "' specified for the field '" + field
                    + "' could not be found in the input '" + Json.write(searched) + "'");
        }
    }

    @Override
    protected boolean hasExitedEvent() {
        return false;
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
