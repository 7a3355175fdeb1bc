package ichibyo.functions.encode;

import ichibyo.core.encode.ChunkLimits;
import ichibyo.core.encode.EncodeJob;
import ichibyo.core.encode.MasterInfo;
import ichibyo.core.encode.MasterProbe;
import ichibyo.core.encode.ProfileSet;
import ichibyo.core.encode.exceptions.InvalidEncodeRequestException;
import ichibyo.functions.Log;
import java.util.Map;

/**
 * probe: the job a request names (content id and profile set, pinned at the set's current version), its master
 * (the one object under {@code masters/{contentId}/}, or the request's {@code masterKey}) and what the master is,
 * read through a presigned URL; the job's record in the work log says it is running. Input {@link EncodeRequest}; output {@link ProbedMaster}.
 */
public final class ProbeMasterHandler extends EncodeStepHandler<ProbeMasterHandler.EncodeRequest, ProbeMasterHandler.ProbedMaster> {

    /** @param chunkLimits optional: the chunk lengths for this job instead of the configured ones */
    public record EncodeRequest(String contentId, String profileSet, String masterKey, ChunkLimits chunkLimits, String executionArn) {}

    /**
     * @param chunkLimits the request's, else the configured ones ({@code ENCODE_CHUNK_SECONDS})
     * @param fitChunks   true when they are the configured ones: plan-chunks then fits them to the master's length
     *                    ({@link ChunkLimits#fittedTo}); a request's own limits are used as they are
     */
    public record ProbedMaster(String jobId, EncodeJob job, String masterKey, MasterInfo master, ChunkLimits chunkLimits, boolean fitChunks) {}

    public ProbeMasterHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public ProbeMasterHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    ProbeMasterHandler(EncodeSteps steps, Map<String, String> env) {
        super(EncodeRequest.class, "probe-master", "probe-master-fails-no-master.json", steps, env);
    }

    @Override
    protected ProbedMaster handle(EncodeRequest in) {
        if (in.contentId() == null || in.profileSet() == null) {
            throw new InvalidEncodeRequestException("an encode names a contentId and a profileSet");
        }
        ProfileSet set = steps.profiles().current(in.profileSet());
        EncodeJob job = new EncodeJob(in.contentId(), set.name(), set.version());
        String masterKey = steps.storage().masterKey(EncodeJob.mastersPrefix(in.contentId()), in.masterKey());
        steps.workLog().jobStarted(job.jobId(), String.valueOf(in.executionArn()), masterKey);
        MasterInfo master;
        try {
            master = new MasterProbe(steps.ffmpeg(), steps.timeLimit()).probe(steps.storage().url(masterKey, steps.urlLifetime()));
        } catch (ichibyo.core.encode.exceptions.EncodeException | ichibyo.core.media.exceptions.MediaException e) {
            // Not worth a retry, and the workflow's failure path does not know the job's id yet: the record says so here.
            steps.workLog().jobEnded(job.jobId(), "FAILED", e.getClass().getName(), e.getMessage());
            throw e;
        }
        Log.info("master probed", "jobId", job.jobId(), "masterKey", masterKey, "frames", master.frames(), "fps", master.fps(),
                "width", master.width(), "height", master.height());
        return new ProbedMaster(job.jobId(), job, masterKey, master, in.chunkLimits() != null ? in.chunkLimits() : steps.chunkLimits(),
                in.chunkLimits() == null);
    }
}
