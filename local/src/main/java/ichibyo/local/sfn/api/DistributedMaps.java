package ichibyo.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.sfn.asl.DistributedMapRunner;
import ichibyo.local.sfn.asl.Json;
import ichibyo.local.sfn.asl.QueryLanguage;
import ichibyo.local.sfn.asl.StateMachineDefinition;
import ichibyo.local.sfn.asl.Timestamps;
import ichibyo.local.sfn.asl.errors.StatesExceedToleratedFailureThreshold;
import ichibyo.local.sfn.asl.errors.StatesItemReaderFailed;
import ichibyo.local.sfn.asl.errors.StatesResultWriterFailed;
import ichibyo.local.sfn.asl.states.MapState;
import ichibyo.local.sfn.asl.states.StateRun;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Distributed Map: ItemReader (S3 JSON, JSONL, CSV, listObjectsV2), ItemSelector, ItemBatcher, one child
 * execution per item or batch (each with its own history, listed under the Map Run), tolerated
 * failures, and ResultWriter to S3.
 */
final class DistributedMaps implements DistributedMapRunner {
    /** Child executions at once when MaxConcurrency is 0 (AWS runs up to 10,000). */
    private static final int DEFAULT_CONCURRENCY = 1000;

    private final StepFunctionsService service;
    private final ObjectStore store;

    DistributedMaps(StepFunctionsService service, ObjectStore store) {
        this.service = service;
        this.store = store;
    }

    @Override
    public JsonNode run(MapState state, StateRun run, JsonNode effective) throws InterruptedException {
        ExecutionRecord parent = service.execution(run.frame.execution.executionArn);
        List<JsonNode> items = readItems(state, run, effective);
        List<JsonNode> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) inputs.add(state.selectItem(run, effective, i, items.get(i)));
        inputs = batch(state, run, effective, inputs);

        int maxConcurrency = state.maxConcurrency(run, effective);
        double[] tolerated = state.toleratedFailure(run, effective);
        boolean[] given = state.toleranceGiven();
        String label = state.label != null ? state.label : state.name;
        String runId = UUID.randomUUID().toString();
        String machineName = parent.machine.name + "/" + label;
        String mapRunArn = "arn:aws:states:" + StepFunctionsService.REGION + ":" + StepFunctionsService.ACCOUNT + ":mapRun:" + machineName + ":" + runId;
        MapRunRecord record = new MapRunRecord(mapRunArn, parent.arn, parent.machine.arn, maxConcurrency, tolerated[1], (long) tolerated[0], inputs.size());
        service.mapRuns.put(mapRunArn, record);
        run.frame.lane.add("MapRunStarted", "mapRunStartedEventDetails", Json.object().put("mapRunArn", mapRunArn));

        StateMachineRecord childMachine = childMachine(state, parent, machineName);
        StateMachineDefinition childDefinition = childMachine.parsed;
        Semaphore permits = new Semaphore(maxConcurrency > 0 ? maxConcurrency : DEFAULT_CONCURRENCY);
        ExecutionRecord[] children = new ExecutionRecord[inputs.size()];
        CountDownLatch allDone = new CountDownLatch(inputs.size());
        AtomicBoolean exceeded = new AtomicBoolean();
        Runnable checkTolerance = () -> {
            if (overThreshold(record, tolerated, given)) exceeded.set(true);
        };
        try {
            for (int i = 0; i < inputs.size() && !exceeded.get(); i++) {
                permits.acquire();
                if (exceeded.get()) {
                    permits.release();
                    break;
                }
                String childName = UUID.nameUUIDFromBytes((runId + ":" + i).getBytes(StandardCharsets.UTF_8)).toString();
                String childArn = "arn:aws:states:" + StepFunctionsService.REGION + ":" + StepFunctionsService.ACCOUNT + ":"
                        + (state.executionType.equals("EXPRESS") ? "express" : "execution") + ":" + machineName + ":" + childName;
                JsonNode input = inputs.get(i);
                record.running.incrementAndGet();
                ExecutionRecord child = service.start(childArn, childName, childMachine, childDefinition, Json.write(input), input, mapRunArn, parent.arn);
                children[i] = child;
                Thread.ofVirtual().start(() -> {
                    try {
                        child.done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    record.running.decrementAndGet();
                    switch (child.status) {
                        case "SUCCEEDED" -> record.succeeded.incrementAndGet();
                        case "TIMED_OUT" -> record.timedOut.incrementAndGet();
                        case "ABORTED" -> record.aborted.incrementAndGet();
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
            record.close("ABORTED");
            throw e;
        }
        if (exceeded.get()) {
            record.close("FAILED");
            String cause = "The specified tolerated failure threshold was exceeded";
            run.frame.lane.add("MapRunFailed", "mapRunFailedEventDetails",
                    Json.object().put("error", StatesExceedToleratedFailureThreshold.NAME).put("cause", cause));
            throw new StatesExceedToleratedFailureThreshold(cause);
        }
        JsonNode result = state.resultWriter != null ? writeResults(state, run, effective, mapRunArn, runId, children, record) : outputs(children);
        record.close("SUCCEEDED");
        run.frame.lane.add("MapRunSucceeded", null, null);
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
        for (ExecutionRecord c : children) if (c != null && c.open()) service.stop(c, null, null);
    }

    private static StateMachineRecord childMachine(MapState state, ExecutionRecord parent, String machineName) {
        ObjectNode def = state.processorDefinition.deepCopy();
        def.remove("ProcessorConfig");
        if (!def.has("QueryLanguage")) def.put("QueryLanguage", state.language.name());
        StateMachineDefinition parsed = StateMachineDefinition.of(def);
        String arn = parent.machine.arn + "/" + machineName.substring(machineName.indexOf('/') + 1);
        return new StateMachineRecord(arn, machineName, state.executionType, Json.write(def), parsed, parent.machine.roleArn, parent.startDate);
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

    // ---- ItemReader ----

    private List<JsonNode> readItems(MapState state, StateRun run, JsonNode effective) {
        List<JsonNode> items = new ArrayList<>();
        if (state.itemReader == null) {
            ObjectNode states = null;
            if (state.language == QueryLanguage.JSONata) {
                states = Json.object();
                states.set("input", effective);
                states.set("context", run.context());
            }
            state.itemList(run, effective, states).forEach(items::add);
            return items;
        }
        if (store == null) throw new StatesItemReaderFailed("No S3 store is configured for ItemReader");
        String resource = state.itemReader.path("Resource").asText();
        JsonNode params = state.ioParameters(run, state.itemReader, effective);
        String bucket = params.path("Bucket").asText(null);
        if (bucket == null) throw new StatesItemReaderFailed("The ItemReader needs a Bucket");
        long max = state.maxItems(run, effective);
        if (resource.endsWith(":s3:listObjectsV2")) {
            for (ObjectStore.ObjectSummary s : store.list(bucket, params.path("Prefix").asText(""))) {
                ObjectNode o = Json.object();
                o.put("Etag", s.etag());
                o.put("Key", s.key());
                o.put("LastModified", Timestamps.format(s.lastModified()));
                o.put("Size", s.size());
                o.put("StorageClass", "STANDARD");
                items.add(o);
            }
        } else if (resource.endsWith(":s3:getObject")) {
            String key = params.path("Key").asText(null);
            byte[] data = key == null ? null : store.get(bucket, key);
            if (data == null) {
                throw new StatesItemReaderFailed("The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: NoSuchKey) s3://" + bucket + "/" + key);
            }
            JsonNode config = state.itemReader.path("ReaderConfig");
            items.addAll(ItemFormats.parse(new String(data, StandardCharsets.UTF_8), config));
        } else {
            throw new StatesItemReaderFailed("Unsupported ItemReader resource: " + resource);
        }
        if (max > 0 && items.size() > max) return new ArrayList<>(items.subList(0, (int) max));
        return items;
    }

    // ---- ItemBatcher ----

    private static List<JsonNode> batch(MapState state, StateRun run, JsonNode effective, List<JsonNode> inputs) {
        if (state.itemBatcher == null) return inputs;
        long maxItems = state.batcherLimit(run, effective, "MaxItemsPerBatch");
        long maxBytes = state.batcherLimit(run, effective, "MaxInputBytesPerBatch");
        JsonNode batchInput = state.batchInput(run, effective);
        if (maxItems <= 0 && maxBytes <= 0) maxItems = Integer.MAX_VALUE;
        List<JsonNode> batches = new ArrayList<>();
        ArrayNode current = Json.array();
        long bytes = 0;
        for (JsonNode item : inputs) {
            int size = Json.sizeInBytes(item);
            boolean full = (maxItems > 0 && current.size() >= maxItems) || (maxBytes > 0 && !current.isEmpty() && bytes + size > maxBytes);
            if (full) {
                batches.add(batchOf(batchInput, current));
                current = Json.array();
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) batches.add(batchOf(batchInput, current));
        return batches;
    }

    private static JsonNode batchOf(JsonNode batchInput, ArrayNode items) {
        ObjectNode o = Json.object();
        if (batchInput != null) o.set("BatchInput", batchInput);
        o.set("Items", items);
        return o;
    }

    // ---- ResultWriter ----

    private JsonNode writeResults(MapState state, StateRun run, JsonNode effective, String mapRunArn, String runId,
                                  ExecutionRecord[] children, MapRunRecord record) {
        if (store == null) throw new StatesResultWriterFailed("No S3 store is configured for ResultWriter");
        JsonNode params = state.ioParameters(run, state.resultWriter, effective);
        String bucket = params.path("Bucket").asText(null);
        if (bucket == null) throw new StatesResultWriterFailed("The ResultWriter needs a Bucket");
        String prefix = params.path("Prefix").asText("");
        String base = (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + runId + "/";
        ArrayNode succeeded = Json.array();
        ArrayNode failed = Json.array();
        ArrayNode pending = Json.array();
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
            d.put("Status", c.status);
            if (c.stopDate != null) d.put("StopDate", Timestamps.format(c.stopDate));
            (c.status.equals("SUCCEEDED") ? succeeded : c.open() ? pending : failed).add(d);
        }
        ObjectNode manifest = Json.object();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", mapRunArn);
        ObjectNode files = manifest.putObject("ResultFiles");
        write(bucket, base, "SUCCEEDED", succeeded, files);
        write(bucket, base, "FAILED", failed, files);
        write(bucket, base, "PENDING", pending, files);
        store.put(bucket, base + "manifest.json", Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        record.resultsWritten.set(succeeded.size() + failed.size());
        ObjectNode out = Json.object();
        out.put("MapRunArn", mapRunArn);
        out.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", base + "manifest.json");
        return out;
    }

    private void write(String bucket, String base, String status, ArrayNode results, ObjectNode files) {
        ArrayNode list = files.putArray(status);
        if (results.isEmpty()) return;
        String key = base + status + "_0.json";
        byte[] data = Json.write(results).getBytes(StandardCharsets.UTF_8);
        store.put(bucket, key, data);
        list.addObject().put("Key", key).put("Size", data.length);
    }
}
