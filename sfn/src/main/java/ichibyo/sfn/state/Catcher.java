package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesError;
import ichibyo.sfn.query.JsonPaths;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.internal.PayloadTemplate;
import ichibyo.sfn.state.internal.ResultPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Catch entry: ErrorEquals, Next, and ResultPath (JSONPath) or Output (JSONata), and Assign. */
final class Catcher {
    final List<String> errorEquals = new ArrayList<>();
    final String next;
    final String resultPath;
    final boolean resultPathNull;
    final JsonNode output;
    final JsonNode assign;
    final QueryLanguage language;

    Catcher(JsonNode c, QueryLanguage language) {
        c.path("ErrorEquals").forEach(e -> errorEquals.add(e.asText()));
        next = c.path("Next").asText(null);
        resultPathNull = c.has("ResultPath") && c.get("ResultPath").isNull();
        resultPath = c.hasNonNull("ResultPath") ? c.get("ResultPath").asText() : "$";
        output = c.get("Output");
        assign = c.get("Assign");
        this.language = language;
    }

    static Catcher matching(List<Catcher> catchers, StatesError e) {
        for (Catcher c : catchers) if (Retrier.matches(c.errorEquals, e)) return c;
        return null;
    }

    /** The state's output when this catcher handles the error. */
    JsonNode apply(StateRun run, JsonNode input, ObjectNode errorOutput) {
        if (language == QueryLanguage.JSONata) {
            ObjectNode states = run.state().states(run, input, null, errorOutput);
            Map<String, JsonNode> assigned = State.evaluateAssignJsonata(run, assign, states);
            JsonNode out = output == null ? errorOutput : JsonataExpressions.template(output, "Output", states, run.frame().variables());
            run.assign(assigned);
            return out;
        }
        if (assign != null) run.assign(PayloadTemplate.evaluateAssign(assign, new JsonPaths.Scope(errorOutput, run.context(), run.frame().variables())));
        return ResultPaths.apply(resultPathNull ? null : resultPath, input, errorOutput);
    }
}
