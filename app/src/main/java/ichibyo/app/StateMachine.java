package ichibyo.app;

import java.util.List;
import java.util.Map;

/**
 * A state machine whose definition is a file under {@code statemachines/}, the same file on AWS and
 * locally, with {@code ${Name}} placeholders filled from {@code substitutions}.
 *
 * @param definitionFile path relative to the repository root, e.g. {@code statemachines/delivery-run.asl.json}
 * @param access what its states do with the app's other resources ({@link Access}): exactly what its role may do
 *        on AWS (a Distributed Map's child executions of itself aside); its substitutions name these resources
 */
public record StateMachine(String name, String definitionFile, Type type, Map<String, Ref> substitutions, List<Access> access) {

    public StateMachine {
        substitutions = Map.copyOf(substitutions);
        access = List.copyOf(access);
    }

    /** A state machine that may use nothing ({@link #withAccess}). */
    public StateMachine(String name, String definitionFile, Type type, Map<String, Ref> substitutions) {
        this(name, definitionFile, type, substitutions, List.of());
    }

    /** Adds to what its states do with other resources. */
    public StateMachine withAccess(Access... more) {
        List<Access> all = new java.util.ArrayList<>(access);
        all.addAll(List.of(more));
        return new StateMachine(name, definitionFile, type, substitutions, all);
    }

    public enum Type { STANDARD, EXPRESS }
}
