package ichibyo.sfn.state.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesResultWriterFailed;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.state.StateRun;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Distributed Map's ResultWriter: the child executions' results as {@code <prefix>/<runId>/SUCCEEDED_0.json},
 * {@code FAILED_0.json}, {@code PENDING_0.json} and a {@code manifest.json}; the state's result is then the
 * manifest's location instead of the outputs. (WriterConfig is not supported.)
 */
public final class ResultWriter {
    private ResultWriter() {}

    /** Which result file a child goes to. */
    public enum Group { SUCCEEDED, FAILED, PENDING }

    /** One child execution as the result files describe it ({@code ExecutionArn}, {@code Status}, …). */
    public record Entry(ObjectNode details, Group group) {}

    /** What was written: the state's raw result and how many results the files hold. */
    public record Written(JsonNode result, long resultsWritten) {}

    public static Written write(MapState state, StateRun run, JsonNode effective, ObjectStore store, String mapRunArn, String runId,
                                List<Entry> children) {
        if (store == null) throw new StatesResultWriterFailed("No S3 store is configured for ResultWriter");
        JsonNode params = state.ioParameters(run, state.resultWriter(), effective);
        String bucket = params.path("Bucket").asText(null);
        if (bucket == null) throw new StatesResultWriterFailed("The ResultWriter needs a Bucket");
        String prefix = params.path("Prefix").asText("");
        String base = (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + runId + "/";
        ArrayNode succeeded = Json.array();
        ArrayNode failed = Json.array();
        ArrayNode pending = Json.array();
        for (Entry c : children) {
            (switch (c.group()) {
                case SUCCEEDED -> succeeded;
                case FAILED -> failed;
                case PENDING -> pending;
            }).add(c.details());
        }
        ObjectNode manifest = Json.object();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", mapRunArn);
        ObjectNode files = manifest.putObject("ResultFiles");
        file(store, bucket, base, "SUCCEEDED", succeeded, files);
        file(store, bucket, base, "FAILED", failed, files);
        file(store, bucket, base, "PENDING", pending, files);
        put(store, bucket, base + "manifest.json", Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        ObjectNode out = Json.object();
        out.put("MapRunArn", mapRunArn);
        out.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", base + "manifest.json");
        return new Written(out, succeeded.size() + failed.size());
    }

    private static void file(ObjectStore store, String bucket, String base, String status, ArrayNode results, ObjectNode files) {
        ArrayNode list = files.putArray(status);
        if (results.isEmpty()) return;
        String key = base + status + "_0.json";
        byte[] data = Json.write(results).getBytes(StandardCharsets.UTF_8);
        put(store, bucket, key, data);
        list.addObject().put("Key", key).put("Size", data.length);
    }

    // A store that still fails after its own retries fails the state with States.ResultWriterFailed, as on AWS.
    private static void put(ObjectStore store, String bucket, String key, byte[] data) {
        try {
            store.put(bucket, key, data);
        } catch (RuntimeException e) {
            throw new StatesResultWriterFailed("Writing s3://" + bucket + "/" + key + " failed: " + e);
        }
    }
}
