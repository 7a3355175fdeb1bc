package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.arn.ExecutionArn;
import ichibyo.sfn.arn.MapRunArn;
import ichibyo.sfn.arn.StateMachineArn;
import ichibyo.sfn.definition.StateMachineDefinition;
import ichibyo.sfn.error.StatesExceedToleratedFailureThreshold;
import ichibyo.sfn.error.StatesResultWriterFailed;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.json.Timestamps;
import ichibyo.sfn.state.DistributedMapRunner;
import ichibyo.sfn.state.StateRun;
import ichibyo.sfn.state.map.ItemBatcher;
import ichibyo.sfn.state.map.ItemReader;
import ichibyo.sfn.state.map.MapState;
import ichibyo.sfn.state.map.ObjectStore;
import ichibyo.sfn.state.map.ResultWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Distributed Map: the items (ItemReader, ItemSelector, ItemBatcher of {@code state.map}) run as one child
 * execution each (with its own history, listed under the Map Run), within the tolerated failures; the
 * result is the children's outputs or the ResultWriter's manifest.
 */
final class DistributedMaps implements DistributedMapRunner {
    /** Child executions at once when MaxConcurrency is 0 (AWS runs up to 10,000). */
    private static final int DEFAULT_CONCURRENCY = 1000;

    private final Executions executions;
    private final Store records;
    private final ObjectStore store;

    DistributedMaps(Executions executions, Store records, ObjectStore store) {
        this.executions = executions;
        this.records = records;
        this.store = store;
    }

    @Override
    public JsonNode run(StateRun run, JsonNode effective) throws InterruptedException {
        // Only a Map state in DISTRIBUTED mode hands over here.
        MapState state = (MapState) run.state();
        ExecutionRecord parent = records.execution(run.frame().execution().executionArn());
        MapRunRecord record = parent.redriveCount > 0 ? unfinishedRun(parent, state) : null;
        if (record != null) {
            // A redriven parent redrives its Map Run, as on AWS: same Map Run, only unsuccessful children run again.
            record.redriven();
            run.frame().lane().add("MapRunRedriven", "mapRunRedrivenEventDetails",
                    Json.object().put("mapRunArn", record.arn).put("redriveCount", record.redriveCount));
        } else {
            record = newRun(state, run, effective, parent);
            run.frame().lane().add("MapRunStarted", "mapRunStartedEventDetails", Json.object().put("mapRunArn", record.arn));
        }
        return runChildren(record, state, run, effective);
    }

    private MapRunRecord newRun(MapState state, StateRun run, JsonNode effective, ExecutionRecord parent) {
        List<JsonNode> items = ItemReader.read(state, run, effective, store);
        List<JsonNode> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) inputs.add(state.selectItem(run, effective, i, items.get(i)));
        inputs = ItemBatcher.batch(state, run, effective, inputs);

        int maxConcurrency = state.maxConcurrency(run, effective);
        double[] tolerated = state.toleratedFailure(run, effective);
        String label = state.label() != null ? state.label() : state.name();
        String runId = UUID.randomUUID().toString();
        StateMachineArn parentMachine = StateMachineArn.parse(parent.machine.arn);
        String mapRunArn = MapRunArn.of(parentMachine, label, runId).format();
        MapRunRecord record = new MapRunRecord(mapRunArn, parent.arn, parent.machine.arn, maxConcurrency, tolerated[1], (long) tolerated[0], inputs.size());
        record.stateName = state.name();
        record.runId = runId;
        record.toleranceGiven = state.toleranceGiven();
        record.childMachine = childMachine(state, parent, parentMachine.child(label));
        record.express = state.executionType().equals("EXPRESS");
        record.inputs = inputs;
        record.children = new ExecutionRecord[inputs.size()];
        records.mapRuns.put(mapRunArn, record);
        return record;
    }

    /** The latest Map Run of this state in the parent that did not succeed, or null. */
    private MapRunRecord unfinishedRun(ExecutionRecord parent, MapState state) {
        MapRunRecord latest = null;
        for (MapRunRecord r : records.mapRuns.values()) {
            if (!r.executionArn.equals(parent.arn) || !state.name().equals(r.stateName) || r.status == MapRunStatus.SUCCEEDED) continue;
            if (latest == null || r.startDate.isAfter(latest.startDate)) latest = r;
        }
        return latest;
    }

    /** Starts the children not started yet, redrives the unsuccessful ones, keeps the succeeded ones; then the result. */
    private JsonNode runChildren(MapRunRecord record, MapState state, StateRun run, JsonNode effective) throws InterruptedException {
        double[] tolerated = {record.toleratedFailureCount, record.toleratedFailurePercentage};
        boolean[] given = record.toleranceGiven;
        ExecutionRecord[] children = record.children;
        StateMachineArn childMachineArn = StateMachineArn.parse(record.childMachine.arn);
        Semaphore permits = new Semaphore(record.maxConcurrency > 0 ? record.maxConcurrency : DEFAULT_CONCURRENCY);
        CountDownLatch allDone = new CountDownLatch(children.length);
        AtomicBoolean exceeded = new AtomicBoolean();
        Runnable checkTolerance = () -> {
            if (overThreshold(record, tolerated, given)) exceeded.set(true);
        };
        try {
            for (int i = 0; i < children.length && !exceeded.get(); i++) {
                ExecutionRecord earlier = children[i];
                if (earlier != null && earlier.status == ExecutionStatus.SUCCEEDED) {
                    allDone.countDown();
                    continue;
                }
                permits.acquire();
                if (exceeded.get()) {
                    permits.release();
                    break;
                }
                record.running.incrementAndGet();
                ExecutionRecord child;
                if (earlier != null) {
                    executions.redrive(earlier);
                    child = earlier;
                } else {
                    String childName = UUID.nameUUIDFromBytes((record.runId + ":" + i).getBytes(StandardCharsets.UTF_8)).toString();
                    String childArn = ExecutionArn.of(childMachineArn, record.express, childName).format();
                    JsonNode input = record.inputs.get(i);
                    child = executions.start(childArn, childName, record.childMachine, record.childMachine.parsed, Json.write(input), input,
                            record.arn, record.executionArn);
                    children[i] = child;
                }
                CountDownLatch childDone = child.done;
                Thread.ofVirtual().start(() -> {
                    try {
                        childDone.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    record.running.decrementAndGet();
                    switch (child.status) {
                        case SUCCEEDED -> record.succeeded.incrementAndGet();
                        case TIMED_OUT -> record.timedOut.incrementAndGet();
                        case ABORTED -> record.aborted.incrementAndGet();
                        default -> record.failed.incrementAndGet();
                    }
                    checkTolerance.run();
                    permits.release();
                    allDone.countDown();
                });
            }
            if (exceeded.get()) {
                abortAll(children);
            } else {
                allDone.await();
                checkTolerance.run();
            }
        } catch (InterruptedException e) {
            abortAll(children);
            record.close(MapRunStatus.ABORTED);
            throw e;
        }
        if (exceeded.get()) {
            record.close(MapRunStatus.FAILED);
            String cause = "The specified tolerated failure threshold was exceeded";
            run.frame().lane().add("MapRunFailed", "mapRunFailedEventDetails",
                    Json.object().put("error", StatesExceedToleratedFailureThreshold.NAME).put("cause", cause));
            throw new StatesExceedToleratedFailureThreshold(cause);
        }
        JsonNode result;
        if (state.resultWriter() != null) {
            ResultWriter.Written written;
            try {
                written = ResultWriter.write(state, run, effective, store, record.arn, record.runId, resultEntries(children));
            } catch (StatesResultWriterFailed e) {
                // The children ran, their results could not be written: the Map Run fails with the writer's error.
                record.close(MapRunStatus.FAILED);
                run.frame().lane().add("MapRunFailed", "mapRunFailedEventDetails",
                        Json.object().put("error", e.error()).put("cause", e.cause()));
                throw e;
            }
            record.resultsWritten.set(written.resultsWritten());
            result = written.result();
        } else {
            result = outputs(children);
        }
        record.close(MapRunStatus.SUCCEEDED);
        run.frame().lane().add("MapRunSucceeded", null, null);
        return result;
    }

    private static boolean overThreshold(MapRunRecord r, double[] tolerated, boolean[] given) {
        long bad = r.unsuccessful();
        if (bad == 0) return false;
        boolean countGiven = given[0];
        boolean pctGiven = given[1];
        if (!countGiven && !pctGiven) return true;
        if (countGiven && bad > tolerated[0]) return true;
        return pctGiven && r.total > 0 && 100.0 * bad / r.total > tolerated[1];
    }

    private void abortAll(ExecutionRecord[] children) {
        for (ExecutionRecord c : children) if (c != null && c.open()) executions.stop(c, null, null);
    }

    /** The children's state machine: the ItemProcessor as a definition of its own, named {@code <parent>/<label>}. */
    private static StateMachineRecord childMachine(MapState state, ExecutionRecord parent, StateMachineArn arn) {
        ObjectNode def = state.processorDefinition().deepCopy();
        def.remove("ProcessorConfig");
        if (!def.has("QueryLanguage")) def.put("QueryLanguage", state.language().name());
        StateMachineDefinition parsed = StateMachineDefinition.of(def);
        return new StateMachineRecord(arn.format(), arn.name(), state.executionType(), Json.write(def), parsed, parent.machine.roleArn, parent.startDate);
    }

    private static JsonNode outputs(ExecutionRecord[] children) {
        ArrayNode out = Json.array();
        for (ExecutionRecord c : children) {
            if (c == null) continue;
            if (c.output != null) {
                out.add(Json.parse(c.output));
            } else {
                ObjectNode err = out.addObject();
                if (c.error != null) err.put("Error", c.error);
                if (c.cause != null) err.put("Cause", c.cause);
            }
        }
        return out;
    }

    /** The children as the ResultWriter's files describe them. */
    private static List<ResultWriter.Entry> resultEntries(ExecutionRecord[] children) {
        List<ResultWriter.Entry> entries = new ArrayList<>();
        for (ExecutionRecord c : children) {
            if (c == null) continue;
            ObjectNode d = Json.object();
            d.put("ExecutionArn", c.arn);
            d.put("Input", c.input);
            d.putObject("InputDetails").put("Included", true);
            d.put("Name", c.name);
            if (c.output != null) {
                d.put("Output", c.output);
                d.putObject("OutputDetails").put("Included", true);
            }
            if (c.error != null) d.put("Error", c.error);
            if (c.cause != null) d.put("Cause", c.cause);
            d.put("RedriveCount", 0);
            d.put("RedriveStatus", "NOT_REDRIVABLE");
            d.put("StartDate", Timestamps.format(c.startDate));
            d.put("StateMachineArn", c.machine.arn);
            d.put("Status", c.status.name());
            if (c.stopDate != null) d.put("StopDate", Timestamps.format(c.stopDate));
            ResultWriter.Group group = c.status == ExecutionStatus.SUCCEEDED ? ResultWriter.Group.SUCCEEDED
                    : c.open() ? ResultWriter.Group.PENDING : ResultWriter.Group.FAILED;
            entries.add(new ResultWriter.Entry(d, group));
        }
        return entries;
    }
}
