package ichibyo.core.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What plan-chunks decided, written once per job and read by every later step: the master and what it is,
 * the profile set as it was when the job started (pinned: a later change is the next job's), the scene cuts
 * and the chunks.
 */
public record EncodePlan(int version, EncodeJob job, String masterKey, MasterInfo master, ProfileSet profiles, ChunkLimits limits,
                         List<Integer> sceneCuts, List<Chunk> chunks) {
    public static final int VERSION = 1;

    public EncodePlan {
        sceneCuts = List.copyOf(sceneCuts);
        chunks = List.copyOf(chunks);
    }

    public Chunk chunk(int index) {
        if (index < 0 || index >= chunks.size()) {
            throw new IllegalArgumentException("the plan of " + job.jobId() + " has chunks 0–" + (chunks.size() - 1) + ", not " + index);
        }
        return chunks.get(index);
    }

    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EncodePlan fromJson(String json) {
        try {
            return Json.mapper().readValue(json, EncodePlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an encode plan: " + e.getOriginalMessage(), e);
        }
    }
}
