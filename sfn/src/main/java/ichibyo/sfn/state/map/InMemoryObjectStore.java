package ichibyo.sfn.state.map;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** An {@link ObjectStore} in memory, for tests and for running the emulator alone. */
public final class InMemoryObjectStore implements ObjectStore {
    private record Stored(byte[] data, Instant modified) {}

    private final Map<String, Stored> objects = new ConcurrentSkipListMap<>();

    @Override
    public byte[] get(String bucket, String key) {
        Stored s = objects.get(bucket + "/" + key);
        return s == null ? null : s.data.clone();
    }

    @Override
    public void put(String bucket, String key, byte[] data) {
        objects.put(bucket + "/" + key, new Stored(data.clone(), Instant.now()));
    }

    @Override
    public List<ObjectSummary> list(String bucket, String prefix) {
        List<ObjectSummary> out = new ArrayList<>();
        String start = bucket + "/" + (prefix == null ? "" : prefix);
        for (Map.Entry<String, Stored> e : ((ConcurrentSkipListMap<String, Stored>) objects).tailMap(start).entrySet()) {
            if (!e.getKey().startsWith(start)) break;
            out.add(new ObjectSummary(e.getKey().substring(bucket.length() + 1), e.getValue().data.length, etag(e.getValue().data),
                    e.getValue().modified));
        }
        return out;
    }

    private static String etag(byte[] data) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"";
        } catch (Exception e) {
            return "\"0\"";
        }
    }
}
