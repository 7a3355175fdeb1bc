package ichibyo.sfn.state.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.error.StatesNoChoiceMatched;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateRun;
import ichibyo.sfn.state.internal.PayloadTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Choice: goes to the Next of the first matching Choice Rule, or to Default. */
public final class ChoiceState extends State {
    private final List<ChoiceRule> choices;
    private final String defaultState;

    public ChoiceState(String name, ObjectNode raw, QueryLanguage inherited) {
        super(name, raw, inherited);
        if (!raw.path("Choices").isArray() || raw.path("Choices").isEmpty()) {
            throw new InvalidDefinitionException(
                    "SCHEMA_VALIDATION_FAILED: The field 'Choices' must be a non-empty array at /States/" + name + "/Choices");
        }
        choices = ChoiceRule.list(raw.path("Choices"));
        defaultState = raw.hasNonNull("Default") ? raw.get("Default").asText() : null;
    }

    @Override
    protected Transition execute(StateRun run, JsonNode input) {
        if (language == QueryLanguage.JSONata) {
            ObjectNode states = states(run, input, null, null);
            for (ChoiceRule rule : choices) {
                if (rule.matches(run, input, states)) return jsonataExit(run, input, states, rule.next, rule.assign, rule.output);
            }
            if (defaultState == null) throw noMatch();
            return jsonataExit(run, input, states, defaultState, assign, output);
        }
        JsonNode effective = inputPath(run, input);
        for (ChoiceRule rule : choices) {
            if (rule.matches(run, effective, null)) {
                assignRule(run, rule.assign, effective);
                return new Transition(rule.next, outputPath(run, effective));
            }
        }
        if (defaultState == null) throw noMatch();
        assignRule(run, assign, effective);
        return new Transition(defaultState, outputPath(run, effective));
    }

    private Transition jsonataExit(StateRun run, JsonNode input, ObjectNode states, String target, JsonNode assignBlock, JsonNode outputBlock) {
        Map<String, JsonNode> assigned = evaluateAssignJsonata(run, assignBlock, states);
        JsonNode out = outputBlock == null ? input : JsonataExpressions.template(outputBlock, "Output", states, run.frame().variables());
        run.assign(assigned);
        return new Transition(target, out);
    }

    private static void assignRule(StateRun run, JsonNode assignBlock, JsonNode data) {
        if (assignBlock != null) run.assign(PayloadTemplate.evaluateAssign(assignBlock, run.scope(data)));
    }

    private StatesNoChoiceMatched noMatch() {
        return new StatesNoChoiceMatched("No Matches!");
    }

    @Override
    public List<String> transitions() {
        List<String> t = new ArrayList<>();
        for (ChoiceRule r : choices) t.add(r.next);
        if (defaultState != null) t.add(defaultState);
        return t;
    }

    @Override
    public boolean isTerminal() {
        return false;
    }

}
