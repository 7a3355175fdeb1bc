package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.Chunk;
import ichibyo.core.encode.ChunkEncoder;
import ichibyo.core.encode.ChunkQuality;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.OutputVerifier;
import ichibyo.core.encode.Profile;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import ichibyo.functions.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encode-chunk step, S3 in and S3 out, the same on Lambda ({@link EncodeChunkHandler}) and on a Fargate task
 * ({@code ichibyo.tasks.encode.EncodeChunkTask}): one chunk of the master for one profile, video only, read through a
 * presigned URL with input seeking, to its deterministic key (which names the profile's version), with every frame's
 * quality against the master beside it ({@link OutputVerifier#measureChunk}: measured here, where the frames are, so
 * verify need not decode the whole output again). A chunk already there was encoded by an earlier attempt with the
 * same inputs: it is not encoded again. The work log records each attempt: when, where, the error or the output.
 */
public final class ChunkEncoding {
    private final EncodeSteps steps;
    private final String ranOn;

    /** @param ranOn where the work log says it ran: {@code lambda:encode-chunk}, {@code fargate:encode-chunk} */
    public ChunkEncoding(EncodeSteps steps, String ranOn) {
        this.steps = steps;
        this.ranOn = ranOn;
    }

    public record EncodedChunk(String profileId, int chunk, int frames, String key, long bytes, double encodeSeconds, boolean reused,
                               String ranOn) {}

    public EncodedChunk encode(PlanChunksHandler.ChunkTask in) {
        EncodePlan plan = steps.storage().plan(in.planKey());
        // A target-quality profile comes with the CRF the plan chose for this chunk.
        Profile profile = plan.encodingProfile(in.profileId(), in.chunk());
        Integer crf = plan.chunkRate(profile.id(), in.chunk()).map(r -> r.crf()).orElse(null);
        Chunk chunk = plan.chunk(in.chunk());
        String jobId = plan.job().jobId();
        String key = plan.job().chunkKey(profile, chunk);
        String qualityKey = plan.job().chunkQualityKey(profile, chunk);
        MediaLocation master = steps.storage().url(plan.masterKey(), steps.urlLifetime());
        OutputVerifier verifier = new OutputVerifier(steps.ffmpeg(), steps.timeLimit());
        if (steps.storage().exists(key)) {
            if (steps.storage().chunkQuality(qualityKey) == null) {
                // Encoded by an attempt that stopped before its measurement was stored.
                Path work = WorkDirs.create("measure-chunk");
                try {
                    putQuality(qualityKey, verifier.measureChunk(steps.storage().url(key, steps.urlLifetime()), master, plan.master(), profile,
                            chunk, work));
                } finally {
                    WorkDirs.delete(work);
                }
            }
            long bytes = steps.storage().size(key);
            steps.workLog().taskDone(jobId, profile.id(), chunk.index(), key, bytes, 0, true);
            return new EncodedChunk(profile.id(), chunk.index(), chunk.frames(), key, bytes, 0, true, ranOn);
        }
        steps.workLog().taskStarted(jobId, profile.id(), chunk.index(), ranOn, crf);
        long start = System.nanoTime();
        Path work = WorkDirs.create("encode-chunk");
        try {
            Path out = new ChunkEncoder(steps.ffmpeg(), steps.timeLimit()).encode(master, plan.master(), chunk, profile, work.resolve(chunk.fileName()));
            long bytes = Files.size(out);
            // The measurement first: a chunk that exists without one is measured again, never the other way round.
            putQuality(qualityKey, verifier.measureChunk(MediaLocation.of(out), master, plan.master(), profile, chunk, work));
            steps.storage().putFile(key, out, "video/mp4");
            double seconds = (System.nanoTime() - start) / 1e9;
            Log.info("chunk encoded", "jobId", jobId, "profileId", profile.id(), "chunk", chunk.index(), "frames", chunk.frames(),
                    "bytes", bytes, "encodeSeconds", seconds, "ranOn", ranOn, "crf", crf == null ? "profile's" : crf);
            steps.workLog().taskDone(jobId, profile.id(), chunk.index(), key, bytes, seconds, false);
            return new EncodedChunk(profile.id(), chunk.index(), chunk.frames(), key, bytes, seconds, false, ranOn);
        } catch (IOException e) {
            steps.workLog().taskFailed(jobId, profile.id(), chunk.index(), e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            steps.workLog().taskFailed(jobId, profile.id(), chunk.index(), e);
            throw e;
        } finally {
            WorkDirs.delete(work);
        }
    }

    private void putQuality(String key, ChunkQuality quality) {
        try {
            steps.storage().putText(key, Json.mapper().writeValueAsString(quality), "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
