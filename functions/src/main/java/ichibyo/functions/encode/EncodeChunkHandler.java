package ichibyo.functions.encode;

import ichibyo.core.encode.Chunk;
import ichibyo.core.encode.ChunkEncoder;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.Profile;
import ichibyo.core.media.WorkDirs;
import ichibyo.functions.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * encode-chunk: one chunk of the master for one profile, video only, to its deterministic key (which names the
 * profile's version). A chunk already there was encoded by an earlier attempt with the same inputs: it is not
 * encoded again. The work log records each attempt: when, where, the error or the output. Input {@link PlanChunksHandler.ChunkTask}; output {@link EncodedChunk}.
 */
public final class EncodeChunkHandler extends EncodeStepHandler<PlanChunksHandler.ChunkTask, EncodeChunkHandler.EncodedChunk> {

    /** Where the work log says chunks ran: {@code lambda:{function}}. */
    private final String ranOn;

    public record EncodedChunk(String profileId, int chunk, int frames, String key, long bytes, double encodeSeconds, boolean reused) {}

    public EncodeChunkHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public EncodeChunkHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    EncodeChunkHandler(EncodeSteps steps, Map<String, String> env) {
        super(PlanChunksHandler.ChunkTask.class, "encode-chunk", "{\"planKey\":\"encodes/j/plan.json\",\"profileId\":\"p\",\"chunk\":0}", steps, env);
        this.ranOn = "lambda:" + env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "encode-chunk");
    }

    @Override
    protected EncodedChunk handle(PlanChunksHandler.ChunkTask in) {
        EncodePlan plan = steps.storage().plan(in.planKey());
        Profile profile = plan.profiles().profile(in.profileId());
        Chunk chunk = plan.chunk(in.chunk());
        String key = plan.job().chunkKey(profile, chunk);
        if (steps.storage().exists(key)) {
            long bytes = steps.storage().size(key);
            steps.workLog().taskDone(plan.job().jobId(), profile.id(), chunk.index(), key, bytes, 0, true);
            return new EncodedChunk(profile.id(), chunk.index(), chunk.frames(), key, bytes, 0, true);
        }
        String jobId = plan.job().jobId();
        steps.workLog().taskStarted(jobId, profile.id(), chunk.index(), ranOn);
        long start = System.nanoTime();
        Path work = WorkDirs.create("encode-chunk");
        try {
            Path out = new ChunkEncoder(steps.ffmpeg(), steps.timeLimit()).encode(steps.storage().url(plan.masterKey(), steps.urlLifetime()),
                    plan.master(), chunk, profile, work.resolve(chunk.fileName()));
            long bytes = Files.size(out);
            steps.storage().putFile(key, out, "video/mp4");
            double seconds = (System.nanoTime() - start) / 1e9;
            Log.info("chunk encoded", "jobId", plan.job().jobId(), "profileId", profile.id(), "chunk", chunk.index(), "frames", chunk.frames(),
                    "bytes", bytes, "encodeSeconds", seconds);
            steps.workLog().taskDone(jobId, profile.id(), chunk.index(), key, bytes, seconds, false);
            return new EncodedChunk(profile.id(), chunk.index(), chunk.frames(), key, bytes, seconds, false);
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
}
