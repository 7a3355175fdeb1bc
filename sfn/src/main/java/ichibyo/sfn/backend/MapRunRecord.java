package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A Distributed Map's Map Run: its settings and the counts of items and child executions. */
final class MapRunRecord {
    final String arn;
    final String executionArn;
    final String stateMachineArn;
    final Instant startDate = Instant.now();
    final int maxConcurrency;
    final double toleratedFailurePercentage;
    final long toleratedFailureCount;
    final long total;
    final AtomicLong running = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();
    final AtomicLong aborted = new AtomicLong();
    final AtomicLong resultsWritten = new AtomicLong();
    volatile MapRunStatus status = MapRunStatus.RUNNING;
    volatile Instant stopDate;
    volatile int redriveCount;
    // What a redrive of the parent needs to rerun only the unsuccessful children (set by DistributedMaps).
    String stateName;
    String runId;
    boolean[] toleranceGiven;
    StateMachineRecord childMachine;
    boolean express;
    /** The children's inputs, and the child execution of each (null: not started). */
    List<JsonNode> inputs;
    ExecutionRecord[] children;

    MapRunRecord(String arn, String executionArn, String stateMachineArn, int maxConcurrency, double pct, long count, long total) {
        this.arn = arn;
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
        this.maxConcurrency = maxConcurrency;
        this.toleratedFailurePercentage = pct;
        this.toleratedFailureCount = count;
        this.total = total;
    }

    /** A redrive of the parent runs this Map Run again: its unsuccessful children are counted afresh. */
    void redriven() {
        redriveCount++;
        running.set(0);
        failed.set(0);
        timedOut.set(0);
        aborted.set(0);
        stopDate = null;
        status = MapRunStatus.RUNNING;
    }

    long unsuccessful() {
        return failed.get() + timedOut.get() + aborted.get();
    }

    void close(MapRunStatus finalStatus) {
        stopDate = Instant.now();
        status = finalStatus;
    }

    ObjectNode describe() {
        ObjectNode out = Json.object();
        out.put("mapRunArn", arn);
        out.put("executionArn", executionArn);
        out.put("status", status.name());
        out.put("startDate", Requests.epoch(startDate));
        if (stopDate != null) out.put("stopDate", Requests.epoch(stopDate));
        out.put("maxConcurrency", maxConcurrency);
        out.put("toleratedFailurePercentage", toleratedFailurePercentage);
        out.put("toleratedFailureCount", toleratedFailureCount);
        out.set("itemCounts", counts(true));
        out.set("executionCounts", counts(false));
        out.put("redriveCount", redriveCount);
        return out;
    }

    private ObjectNode counts(boolean items) {
        ObjectNode c = Json.object();
        long done = succeeded.get() + unsuccessful();
        c.put("pending", Math.max(0, total - done - running.get()));
        c.put("running", running.get());
        c.put("succeeded", succeeded.get());
        c.put("failed", failed.get());
        c.put("timedOut", timedOut.get());
        c.put("aborted", aborted.get());
        c.put("total", total);
        c.put("resultsWritten", resultsWritten.get());
        c.put("failuresNotRedrivable", 0);
        c.put("pendingRedrive", 0);
        return c;
    }
}
