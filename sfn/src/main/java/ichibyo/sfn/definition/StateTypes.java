package ichibyo.sfn.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.State;
import ichibyo.sfn.state.StateFactory;
import ichibyo.sfn.state.choice.ChoiceState;
import ichibyo.sfn.state.fail.FailState;
import ichibyo.sfn.state.map.MapState;
import ichibyo.sfn.state.parallel.ParallelState;
import ichibyo.sfn.state.pass.PassState;
import ichibyo.sfn.state.succeed.SucceedState;
import ichibyo.sfn.state.task.TaskState;
import ichibyo.sfn.state.wait.WaitState;

/** The state types of the Amazon States Language, by {@code Type}. */
public final class StateTypes implements StateFactory {
    public static final StateTypes ALL = new StateTypes();

    private StateTypes() {}

    @Override
    public State create(String name, ObjectNode o, QueryLanguage language, String where) {
        String type = o.path("Type").asText("");
        return switch (type) {
            case "Pass" -> new PassState(name, o, language);
            case "Task" -> new TaskState(name, o, language);
            case "Choice" -> new ChoiceState(name, o, language);
            case "Wait" -> new WaitState(name, o, language);
            case "Succeed" -> new SucceedState(name, o, language);
            case "Fail" -> new FailState(name, o, language);
            case "Parallel" -> new ParallelState(name, o, language, this);
            case "Map" -> new MapState(name, o, language, this);
            case "" -> throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at " + where);
            default -> throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: Value is not a valid enum value: " + type + " at " + where + "/Type");
        };
    }
}
