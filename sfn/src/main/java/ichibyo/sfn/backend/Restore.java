package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.definition.StateMachineDefinition;
import ichibyo.sfn.history.History;
import ichibyo.sfn.query.Variables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the data directory on start: state machines, finished executions as they were, open ones to resume. */
final class Restore {
    private Restore() {}

    /** Loads everything; returns the open executions, which {@link #resume} runs on. */
    static List<ExecutionRecord> restore(ExecutionJournal journal, Store store, Executions executions) {
        for (JsonNode m : journal.loadMachines()) {
            String definition = m.path("definition").asText();
            StateMachineRecord r = new StateMachineRecord(m.path("arn").asText(), m.path("name").asText(), m.path("type").asText(),
                    definition, StateMachineDefinition.parse(definition), m.path("roleArn").asText(),
                    Instant.ofEpochMilli(m.path("creationDate").asLong()));
            store.machines.put(r.arn, r);
        }
        List<ExecutionRecord> resume = new ArrayList<>();
        List<ExecutionJournal.Stored> stored = new ArrayList<>(journal.loadExecutions());
        stored.sort(Comparator.comparingLong(s -> s.meta().path("startDate").asLong()));
        for (ExecutionJournal.Stored st : stored) {
            JsonNode meta = st.meta();
            StateMachineRecord m = store.machines.get(meta.path("machineArn").asText());
            if (m == null) continue;
            String arn = meta.path("arn").asText();
            History history = new History(e -> journal.appendEvent(arn, e));
            st.events().forEach(history::restore);
            ExecutionRecord ex = new ExecutionRecord(arn, meta.path("name").asText(), m, m.parsed, meta.path("input").asText(),
                    Instant.ofEpochMilli(meta.path("startDate").asLong()), history, meta.path("mapRunArn").asText(null),
                    meta.path("parentArn").asText(null));
            ex.redriveCount = meta.path("redriveCount").asInt();
            ex.variables = new Variables(null);
            for (History.Event e : st.events()) {
                ExecutionStatus closed = ExecutionStatus.closedBy(e.type());
                if (closed != null) close(ex, closed, e);
                else if (e.type().equals("ExecutionRedriven")) ex.status = ExecutionStatus.RUNNING;
            }
            JsonNode cp = st.checkpoint();
            if (cp != null) {
                ex.lastState = cp.path("state").asText();
                ex.lastStateInput = cp.get("input");
                Map<String, JsonNode> vars = new LinkedHashMap<>();
                cp.path("variables").fields().forEachRemaining(f -> vars.put(f.getKey(), f.getValue()));
                ex.variables.assignAll(vars);
            }
            store.executions.put(arn, ex);
            store.added(ex);
            if (ex.open()) {
                if (ex.mapRunArn != null) {
                    executions.finish(ex, null, ExecutionStatus.ABORTED, null, "States.Aborted", "The emulator restarted; the parent's Map state runs again.");
                    ex.done.countDown();
                } else {
                    resume.add(ex);
                }
            } else {
                ex.done.countDown();
            }
        }
        return resume;
    }

    /** Runs each open execution on from the top-level state it last entered (its first state when none). */
    static void resume(List<ExecutionRecord> open, Executions executions) {
        for (ExecutionRecord ex : open) {
            JsonNode input = Requests.parseInput(ex.input);
            String from = ex.lastState != null && ex.definition.block().states().containsKey(ex.lastState)
                    ? ex.lastState : ex.definition.block().startAt();
            executions.launch(ex, input, from, ex.lastState != null ? ex.lastStateInput : input);
        }
    }

    private static void close(ExecutionRecord ex, ExecutionStatus status, History.Event e) {
        ex.status = status;
        ex.stopDate = e.timestamp();
        ObjectNode d = e.details();
        ex.output = d == null ? null : d.path("output").asText(null);
        ex.error = d == null ? null : d.path("error").asText(null);
        ex.cause = d == null ? null : d.path("cause").asText(null);
    }
}
