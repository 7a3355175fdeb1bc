package ichibyo.sfn.state.map;

import java.time.Instant;
import java.util.List;

/**
 * The S3 calls a Distributed Map makes (ItemReader, ResultWriter); the runtime plugs in its S3 server
 * or client, tests an in-memory store.
 */
public interface ObjectStore {
    record ObjectSummary(String key, long size, String etag, Instant lastModified) {}

    /** @return the object's bytes, or null when there is no such bucket or key */
    byte[] get(String bucket, String key);

    void put(String bucket, String key, byte[] data);

    /** All objects under a prefix, in key order. */
    List<ObjectSummary> list(String bucket, String prefix);
}
