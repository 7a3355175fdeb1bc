package ichibyo.sfn.state.pass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateRun;

/** Pass: passes its input to its output, optionally with a fixed Result or a transformation. */
public final class PassState extends State {
    private final JsonNode result;

    public PassState(String name, ObjectNode raw, QueryLanguage inherited) {
        super(name, raw, inherited);
        this.result = raw.get("Result");
    }

    @Override
    protected Transition execute(StateRun run, JsonNode input) {
        if (language == QueryLanguage.JSONata) return new Transition(next, outputJsonata(run, input, null));
        JsonNode effective = inputPath(run, input);
        JsonNode value = result != null ? result : payload(run, parameters, effective);
        return new Transition(next, resultAndOutput(run, input, value));
    }
}
