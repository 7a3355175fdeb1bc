package ichibyo.sfn.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event history of one execution, shaped as GetExecutionHistory returns it. It is capped at
 * 25,000 events, as on AWS: the state that would exceed the cap fails the execution.
 */
public final class History {
    public static final int MAX_EVENTS = 25_000;

    /** One history event: {@code detailsKey} is e.g. {@code stateEnteredEventDetails}. */
    public record Event(long id, long previousEventId, Instant timestamp, String type, String detailsKey, ObjectNode details) {}

    private final List<Event> events = new ArrayList<>();
    private final Consumer<Event> journal;
    private boolean full;

    public History(Consumer<Event> journal) {
        this.journal = journal;
    }

    /** Appends an event after {@code previousEventId} and returns its id. */
    public synchronized long add(long previousEventId, String type, String detailsKey, ObjectNode details) {
        boolean terminal = type.startsWith("Execution") && !type.equals("ExecutionStarted");
        if (events.size() >= MAX_EVENTS - 1 && !terminal) {
            full = true;
            throw new StatesRuntime("The execution reached the maximum number of history events (" + MAX_EVENTS + ").");
        }
        Event e = new Event(events.size() + 1L, previousEventId, Instant.now(), type, detailsKey, details);
        events.add(e);
        if (journal != null) journal.accept(e);
        return e.id();
    }

    /** Restores an event read back from a journal. */
    public synchronized void restore(Event e) {
        events.add(e);
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized long lastId() {
        return events.size();
    }

    public synchronized boolean full() {
        return full;
    }
}
