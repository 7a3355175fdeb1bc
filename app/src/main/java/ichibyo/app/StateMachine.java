package ichibyo.app;

import java.util.Map;

/**
 * A state machine whose definition is a file under {@code statemachines/}, the same file on AWS and
 * locally, with {@code ${Name}} placeholders filled from {@code substitutions}.
 *
 * @param definitionFile path relative to the repository root, e.g. {@code statemachines/delivery-run.asl.json}
 */
public record StateMachine(String name, String definitionFile, Type type, Map<String, Ref> substitutions) {

    public StateMachine {
        substitutions = Map.copyOf(substitutions);
    }

    public enum Type { STANDARD, EXPRESS }
}
