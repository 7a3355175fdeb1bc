package ichibyo.sfn.state.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesItemReaderFailed;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.json.Timestamps;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.StateRun;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's ItemReader: the items of an S3 object ({@code s3:getObject}, JSON, JSONL or CSV, see
 * {@link ItemFormats}) or the objects under a prefix ({@code s3:listObjectsV2}); without an ItemReader, the
 * Items/ItemsPath of the state input. ReaderConfig.MaxItems caps the count.
 */
public final class ItemReader {
    private ItemReader() {}

    /** @param store the S3 the reader reads, or null when there is none */
    public static List<JsonNode> read(MapState state, StateRun run, JsonNode effective, ObjectStore store) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode itemReader = state.itemReader();
        if (itemReader == null) {
            ObjectNode states = null;
            if (state.language() == QueryLanguage.JSONata) {
                states = Json.object();
                states.set("input", effective);
                states.set("context", run.context());
            }
            state.itemList(run, effective, states).forEach(items::add);
            return items;
        }
        if (store == null) throw new StatesItemReaderFailed("No S3 store is configured for ItemReader");
        String resource = itemReader.path("Resource").asText();
        JsonNode params = state.ioParameters(run, itemReader, effective);
        String bucket = params.path("Bucket").asText(null);
        if (bucket == null) throw new StatesItemReaderFailed("The ItemReader needs a Bucket");
        long max = state.maxItems(run, effective);
        if (resource.endsWith(":s3:listObjectsV2")) {
            for (ObjectStore.ObjectSummary s : list(store, bucket, params.path("Prefix").asText(""))) {
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
            byte[] data = key == null ? null : get(store, bucket, key);
            if (data == null) {
                throw new StatesItemReaderFailed("The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: NoSuchKey) s3://" + bucket + "/" + key);
            }
            JsonNode config = itemReader.path("ReaderConfig");
            items.addAll(ItemFormats.parse(new String(data, StandardCharsets.UTF_8), config));
        } else {
            throw new StatesItemReaderFailed("Unsupported ItemReader resource: " + resource);
        }
        if (max > 0 && items.size() > max) return new ArrayList<>(items.subList(0, (int) max));
        return items;
    }

    // A store that still fails after its own retries fails the state with States.ItemReaderFailed, which a Catch
    // can handle, as on AWS; not the execution with States.Runtime.
    private static List<ObjectStore.ObjectSummary> list(ObjectStore store, String bucket, String prefix) {
        try {
            return store.list(bucket, prefix);
        } catch (RuntimeException e) {
            throw new StatesItemReaderFailed("Listing s3://" + bucket + "/" + prefix + " failed: " + e);
        }
    }

    private static byte[] get(ObjectStore store, String bucket, String key) {
        try {
            return store.get(bucket, key);
        } catch (RuntimeException e) {
            throw new StatesItemReaderFailed("Reading s3://" + bucket + "/" + key + " failed: " + e);
        }
    }
}
