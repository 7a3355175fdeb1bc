package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.query.QueryLanguage;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * StartAt and States: the top level of a state machine, a Parallel branch, or a Map's ItemProcessor.
 * {@link #run} is the interpreter loop: run a state, follow its transition, until a block end.
 */
public final class StatesBlock {
    private final String startAt;
    private final Map<String, State> states;

    /** Parses and validates a block; {@code factory} makes its states (and those of nested blocks). */
    public StatesBlock(JsonNode node, QueryLanguage language, String where, StateFactory factory) {
        if (!node.isObject()) throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: Expected an object at " + where);
        if (!node.hasNonNull("StartAt")) {
            throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at " + where);
        }
        if (!node.path("States").isObject()) {
            throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: These fields are required: [States] at " + where);
        }
        startAt = node.get("StartAt").asText();
        states = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("States").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            states.put(e.getKey(), create(e.getKey(), e.getValue(), language, where + "/States/" + e.getKey(), factory));
        }
        validate(where);
    }

    private static State create(String name, JsonNode raw, QueryLanguage language, String where, StateFactory factory) {
        if (!raw.isObject()) throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: Expected an object at " + where);
        if (name.length() > 80) throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: State name is longer than 80 characters at " + where);
        State s = factory.create(name, (ObjectNode) raw, language, where);
        String type = s.type();
        boolean terminalType = type.equals("Succeed") || type.equals("Fail") || type.equals("Choice");
        if (!terminalType) {
            if (s.next() == null && !s.end()) {
                throw new InvalidDefinitionException("MISSING_TRANSITION_TARGET: State \"" + name + "\" is not an end state and has no next state at " + where);
            }
            if (s.next() != null && s.end()) {
                throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: Only one of [Next, End] may be set at " + where);
            }
        }
        if (s.handlesErrors() && !(type.equals("Task") || type.equals("Parallel") || type.equals("Map"))) {
            throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: Field 'Retry'/'Catch' is not supported for state type " + type + " at " + where);
        }
        s.validate();
        return s;
    }

    public String startAt() {
        return startAt;
    }

    /** The states by name, in definition order. */
    public Map<String, State> states() {
        return Collections.unmodifiableMap(states);
    }

    private void validate(String where) {
        if (!states.containsKey(startAt)) {
            throw new InvalidDefinitionException("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + startAt + " at " + where + "/StartAt");
        }
        for (State s : states.values()) {
            for (String t : s.transitions()) {
                if (t == null || !states.containsKey(t)) {
                    throw new InvalidDefinitionException("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + t + " at " + where + "/States/" + s.name());
                }
            }
        }
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(startAt);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (reached.add(n)) todo.addAll(states.get(n).transitions());
        }
        for (String n : states.keySet()) {
            if (!reached.contains(n)) {
                throw new InvalidDefinitionException("UNREACHABLE_STATE: State \"" + n + "\" is not reachable at " + where + "/States/" + n);
            }
        }
    }

    /** Runs the block from StartAt and returns the output of the state that ends it. */
    public JsonNode run(Frame frame, JsonNode input) throws InterruptedException {
        return run(frame, input, startAt, null);
    }

    /**
     * Runs from the state {@code from}; {@code onEnter} (may be null) hears each state entered with its input,
     * which is what a redrive needs to resume a failed execution.
     */
    public JsonNode run(Frame frame, JsonNode input, String from, BiConsumer<String, JsonNode> onEnter) throws InterruptedException {
        State state = states.get(from);
        JsonNode data = input;
        while (true) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            if (onEnter != null) onEnter.accept(state.name(), data);
            State.Transition t = state.run(frame, data);
            data = t.output();
            if (t.next() == null) return data;
            state = states.get(t.next());
        }
    }
}
