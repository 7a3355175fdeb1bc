package ichibyo.sfn.state.parallel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.error.StatesError;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.JsonataExpressions;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.Frame;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateFactory;
import ichibyo.sfn.state.StateRun;
import ichibyo.sfn.state.StatesBlock;
import ichibyo.sfn.state.internal.Branches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Parallel: runs every branch on the same input; the result is the array of branch outputs. */
public final class ParallelState extends State {
    private final List<StatesBlock> branches = new ArrayList<>();

    public ParallelState(String name, ObjectNode raw, QueryLanguage inherited, StateFactory factory) {
        super(name, raw, inherited);
        if (!raw.path("Branches").isArray() || raw.path("Branches").isEmpty()) {
            throw new InvalidDefinitionException(
                    "SCHEMA_VALIDATION_FAILED: The field 'Branches' must be a non-empty array at /States/" + name + "/Branches");
        }
        int i = 0;
        for (JsonNode b : raw.path("Branches")) branches.add(new StatesBlock(b, language, "/States/" + name + "/Branches[" + i++ + "]", factory));
    }

    @Override
    protected Transition execute(StateRun run, JsonNode input) throws InterruptedException {
        JsonNode branchInput;
        if (language == QueryLanguage.JSONata) {
            branchInput = arguments == null ? input
                    : JsonataExpressions.template(arguments, "Arguments", states(run, input, null, null), run.frame().variables());
        } else {
            branchInput = payload(run, parameters, inputPath(run, input));
        }
        run.frame().lane().add("ParallelStateStarted", null, null);
        List<Callable<JsonNode>> children = new ArrayList<>();
        for (StatesBlock b : branches) {
            Frame child = run.frame().child();
            children.add(() -> b.run(child, branchInput));
        }
        List<JsonNode> outputs;
        try {
            outputs = Branches.runAll(children, 0);
        } catch (StatesError e) {
            run.frame().lane().add("ParallelStateFailed", null, null);
            throw e;
        }
        run.frame().lane().add("ParallelStateSucceeded", null, null);
        ArrayNode result = Json.array();
        outputs.forEach(result::add);
        if (language == QueryLanguage.JSONata) return new Transition(next, outputJsonata(run, input, result));
        return new Transition(next, resultAndOutput(run, input, result));
    }
}
