package ichibyo.sfn.history;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A thread of events in a history: each event's {@code previousEventId} is the last event of its
 * lane, so a Parallel branch or Map iteration links its events among themselves, as AWS does.
 */
public final class Lane {
    private final History history;
    private long last;

    public Lane(History history, long last) {
        this.history = history;
        this.last = last;
    }

    public long add(String type, String detailsKey, ObjectNode details) {
        long id = history.add(last, type, detailsKey, details);
        last = id;
        return id;
    }

    public Lane fork() {
        return new Lane(history, last);
    }

    public long last() {
        return last;
    }

    public History history() {
        return history;
    }
}
