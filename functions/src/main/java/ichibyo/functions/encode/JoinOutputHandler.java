package ichibyo.functions.encode;

import ichibyo.core.encode.Chunk;
import ichibyo.core.encode.ChunkJoiner;
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
 * join: a profile's chunks (downloaded: the concat demuxer reads local files) joined by stream copy, the audio
 * encoded once from the whole master (read through a presigned URL), the output put at
 * {@code encodes/{jobId}/outputs/{profileId}.mp4}. Needs /tmp for the chunks and the output: no SnapStart.
 * Input {@link ProfileTask}; output {@link JoinedOutput}.
 */
public final class JoinOutputHandler extends EncodeStepHandler<ProfileTask, JoinOutputHandler.JoinedOutput> {

    public record JoinedOutput(String profileId, String outputKey, long bytes, double joinSeconds) {}

    public JoinOutputHandler() {
        this(System.getenv());
    }

    public JoinOutputHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    JoinOutputHandler(EncodeSteps steps, Map<String, String> env) {
        super(ProfileTask.class, "join-output", "join-output-fails-no-plan.json", steps, env);
    }

    @Override
    protected JoinedOutput handle(ProfileTask in) {
        EncodePlan plan = steps.storage().plan(in.planKey());
        Profile profile = plan.profiles().profile(in.profileId());
        long start = System.nanoTime();
        Path work = WorkDirs.create("join");
        try {
            for (Chunk chunk : plan.chunks()) {
                steps.storage().download(plan.job().chunkKey(profile, chunk), work.resolve(chunk.fileName()));
            }
            Path out = new ChunkJoiner(steps.ffmpeg(), steps.timeLimit()).join(work, plan.chunks(),
                    steps.storage().url(plan.masterKey(), steps.urlLifetime()), plan.master(), profile, work.resolve("output.mp4"));
            String key = plan.job().outputKey(profile);
            long bytes = Files.size(out);
            steps.storage().putFile(key, out, "video/mp4");
            double seconds = (System.nanoTime() - start) / 1e9;
            Log.info("output joined", "jobId", plan.job().jobId(), "profileId", profile.id(), "chunks", plan.chunks().size(), "bytes", bytes,
                    "joinSeconds", seconds);
            return new JoinedOutput(profile.id(), key, bytes, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            WorkDirs.delete(work);
        }
    }
}
