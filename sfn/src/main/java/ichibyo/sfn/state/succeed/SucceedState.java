package ichibyo.sfn.state.succeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateRun;

/** Succeed: ends the block successfully with its (filtered) input as output. */
public final class SucceedState extends State {
    public SucceedState(String name, ObjectNode raw, QueryLanguage inherited) {
        super(name, raw, inherited);
    }

    @Override
    protected Transition execute(StateRun run, JsonNode input) {
        if (language == QueryLanguage.JSONata) return new Transition(null, outputJsonata(run, input, null));
        return new Transition(null, outputPath(run, inputPath(run, input)));
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
