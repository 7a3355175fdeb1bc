package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.Chunk;
import ichibyo.core.encode.ChunkLimits;
import ichibyo.core.encode.ChunkRate;
import ichibyo.core.encode.ChunkPlanner;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.MasterProbe;
import ichibyo.core.encode.OutputSize;
import ichibyo.core.encode.Profile;
import ichibyo.core.encode.ProfileSet;
import ichibyo.core.encode.TargetQualityPlanner;
import ichibyo.core.encode.exceptions.InvalidEncodeRequestException;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * plan-chunks: the master's scene cuts (one decode of it), chunks at them within the job's limits (the configured ones
 * fitted to the master's length and the map's slots, {@link ChunkLimits#fittedTo}; a request's own as they are), for each
 * target-quality profile every chunk's CRF (a few probe encodes per chunk, {@link TargetQualityPlanner}), the plan with
 * the profile set pinned, written to {@code encodes/{jobId}/plan.json}; the work items, one per chunk and
 * profile, to {@code encodes/{jobId}/work-items.jsonl}, which the workflow's Distributed Map reads and encodes, each on
 * Lambda or, above {@code ENCODE_FARGATE_ABOVE_MEGAPIXEL_FRAMES}, on Fargate. Input {@link ProbeMasterHandler.ProbedMaster};
 * output {@link ChunkWork}.
 */
public final class PlanChunksHandler extends EncodeStepHandler<ProbeMasterHandler.ProbedMaster, PlanChunksHandler.ChunkWork> {
    /**
     * The most work items one job may have: a Distributed Map reads them from S3, so the bound is the plan's own size
     * (a 3-hour master in 5 s chunks for 8 profiles is 17,280), not Step Functions' 256 KB payload.
     */
    static final int MAX_ITEMS = 20_000;

    public enum RunOn { LAMBDA, FARGATE }

    /** One chunk of one profile, and where it is encoded. */
    public record ChunkTask(String planKey, String profileId, int chunk, RunOn runOn) {}

    /**
     * @param itemsKey       the work items, one {@link ChunkTask} per line, for the Distributed Map's ItemReader
     * @param maxConcurrency chunks encoded at once ({@code ENCODE_MAX_CONCURRENCY}, default 100)
     */
    public record ChunkWork(String jobId, String planKey, int chunks, List<String> profiles, List<Integer> sceneCuts, String itemsKey,
                            int tasks, int maxConcurrency) {}

    private final int maxConcurrency;

    public PlanChunksHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public PlanChunksHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    PlanChunksHandler(EncodeSteps steps, Map<String, String> env) {
        super(ProbeMasterHandler.ProbedMaster.class, "plan-chunks", "plan-chunks-fails-not-probed.json", steps, env);
        this.maxConcurrency = Env.intOr(env, "ENCODE_MAX_CONCURRENCY", 100);
        if (maxConcurrency < 1) {
            throw new IllegalStateException("ENCODE_MAX_CONCURRENCY must be at least 1, not " + maxConcurrency);
        }
    }

    @Override
    protected ChunkWork handle(ProbeMasterHandler.ProbedMaster in) {
        if (in.job() == null || in.master() == null || in.masterKey() == null || in.chunkLimits() == null) {
            throw new InvalidEncodeRequestException("plan-chunks needs the probed master: job, masterKey, master, chunkLimits");
        }
        // The version the job pinned when it started, whatever the set's current version is now.
        ProfileSet set = steps.profiles().version(in.job().profileSet(), in.job().profileSetVersion());
        MediaLocation master = steps.storage().url(in.masterKey(), steps.urlLifetime());
        List<Integer> cuts = new MasterProbe(steps.ffmpeg(), steps.timeLimit()).sceneCuts(master, in.master(), steps.sceneThreshold());
        // The configured lengths stretched for a long master, so its tasks fill the map's slots a wave or two deep.
        ChunkLimits limits = in.fitChunks()
                ? in.chunkLimits().fittedTo(in.master().frames() / in.master().fps(), set.profiles().size(), maxConcurrency)
                : in.chunkLimits();
        List<Chunk> chunks = ChunkPlanner.plan(in.master().frames(), in.master().fps(), cuts, limits);
        if ((long) chunks.size() * set.profiles().size() > MAX_ITEMS) {
            throw new InvalidEncodeRequestException(chunks.size() + " chunks × " + set.profiles().size() + " profiles is over " + MAX_ITEMS
                    + " work items: use longer chunks");
        }
        // Target-quality profiles: each chunk's CRF searched with a few probe encodes (bounded), recorded in the plan.
        List<ChunkRate> rates;
        Path work = WorkDirs.create("plan-chunks");
        try {
            rates = new TargetQualityPlanner(steps.ffmpeg(), steps.timeLimit()).plan(master, in.master(), chunks, set.profiles(), work);
        } finally {
            WorkDirs.delete(work);
        }
        EncodePlan plan = new EncodePlan(EncodePlan.VERSION, in.job(), in.masterKey(), in.master(), set, limits, cuts, chunks, rates);
        String planKey = in.job().planKey();
        steps.storage().putText(planKey, plan.toJson(), "application/json");
        StringBuilder items = new StringBuilder();
        int tasks = 0;
        for (Profile profile : set.profiles()) {
            for (Chunk chunk : chunks) {
                // Work is frames × output pixels: long or large chunks go to Fargate, where no 15-minute limit applies.
                OutputSize size = OutputSize.of(in.master(), profile);
                double megapixelFrames = (double) chunk.frames() * size.width() * size.height() / 1e6;
                ChunkTask task = new ChunkTask(planKey, profile.id(), chunk.index(),
                        megapixelFrames > steps.fargateAboveMegapixelFrames() ? RunOn.FARGATE : RunOn.LAMBDA);
                try {
                    items.append(Json.mapper().writeValueAsString(task)).append('\n');
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
                tasks++;
            }
        }
        String itemsKey = in.job().workItemsKey();
        steps.storage().putText(itemsKey, items.toString(), "application/x-ndjson");
        Log.info("chunks planned", "jobId", in.job().jobId(), "chunkLimits", limits, "sceneCuts", cuts.size(), "chunks", chunks.size(), "profiles", set.profiles().size(),
                "chunkCrfs", rates.stream().map(r -> r.profileId() + "#" + r.chunk() + "=" + r.crf()).toList());
        return new ChunkWork(in.job().jobId(), planKey, chunks.size(), set.profiles().stream().map(Profile::id).toList(), cuts, itemsKey,
                tasks, maxConcurrency);
    }
}
