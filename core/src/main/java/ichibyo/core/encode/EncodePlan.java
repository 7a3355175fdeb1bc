package ichibyo.core.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * What plan-chunks decided, written once per job and read by every later step: the master and what it is,
 * the profile set as it was when the job started (pinned: a later change is the next job's), the scene cuts,
 * the chunks, and for target-quality profiles the CRF chosen for each chunk ({@code chunkRates}; empty when
 * every profile has a fixed rate, and absent from plans written before target quality).
 */
public record EncodePlan(int version, EncodeJob job, String masterKey, MasterInfo master, ProfileSet profiles, ChunkLimits limits,
                         List<Integer> sceneCuts, List<Chunk> chunks, List<ChunkRate> chunkRates) {
    public static final int VERSION = 1;

    public EncodePlan {
        sceneCuts = List.copyOf(sceneCuts);
        chunks = List.copyOf(chunks);
        chunkRates = chunkRates == null ? List.of() : List.copyOf(chunkRates);
    }

    /** The CRF chosen for a chunk of a target-quality profile; empty for a profile with a fixed rate. */
    public Optional<ChunkRate> chunkRate(String profileId, int chunk) {
        return chunkRates.stream().filter(r -> r.profileId().equals(profileId) && r.chunk() == chunk).findFirst();
    }

    /**
     * The profile as encode-chunk encodes one chunk: a fixed-rate profile as it is, a target-quality one with the CRF
     * this plan chose for the chunk (capped as the profile caps it).
     */
    public Profile encodingProfile(String profileId, int chunk) {
        Profile profile = profiles.profile(profileId);
        chunk(chunk);
        if (!profile.rateControl().isTargetQuality()) {
            return profile;
        }
        ChunkRate rate = chunkRate(profileId, chunk).orElseThrow(() -> new IllegalArgumentException(
                "the plan of " + job.jobId() + " chose no CRF for chunk " + chunk + " of target-quality profile " + profileId));
        return profile.withRateControl(profile.rateControl().forChunk(rate.crf()));
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
