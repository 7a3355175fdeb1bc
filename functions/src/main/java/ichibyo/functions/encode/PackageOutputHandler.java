package ichibyo.functions.encode;

import ichibyo.core.encode.Container;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.HlsPackage;
import ichibyo.core.encode.HlsPackager;
import ichibyo.core.encode.Profile;
import ichibyo.core.media.WorkDirs;
import ichibyo.functions.Log;
import java.nio.file.Path;
import java.util.Map;

/**
 * package: a verified output as its profile's container asks. MP4 as it is; HLS as fMP4 segments of whole GOPs
 * ({@link HlsPackager}) under {@code encodes/{jobId}/hls/{profileId}/}, which place copies beside the outputs with the
 * ladder's master playlist. Downloads the output to /tmp: no SnapStart. Input {@link ProfileTask}; output
 * {@link Packaged} (its {@code hls} null for MP4).
 */
public final class PackageOutputHandler extends EncodeStepHandler<ProfileTask, PackageOutputHandler.Packaged> {

    public record Packaged(String profileId, Container container, String hlsPrefix, HlsPackage hls) {}

    public PackageOutputHandler() {
        this(System.getenv());
    }

    public PackageOutputHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    PackageOutputHandler(EncodeSteps steps, Map<String, String> env) {
        super(ProfileTask.class, "package-output", "package-output-fails-no-plan.json", steps, env);
    }

    public static String hlsPrefix(EncodePlan plan, Profile profile) {
        return plan.job().prefix() + "hls/" + profile.id() + "/";
    }

    @Override
    protected Packaged handle(ProfileTask in) {
        EncodePlan plan = steps.storage().plan(in.planKey());
        Profile profile = plan.profiles().profile(in.profileId());
        if (profile.container() != Container.HLS_FMP4) {
            return new Packaged(profile.id(), profile.container(), null, null);
        }
        Path work = WorkDirs.create("package");
        try {
            Path output = work.resolve("output.mp4");
            steps.storage().download(plan.job().outputKey(profile), output);
            Path dir = work.resolve("hls");
            HlsPackage hls = new HlsPackager(steps.ffmpeg(), steps.timeLimit()).packageOutput(output, profile, dir);
            String prefix = hlsPrefix(plan, profile);
            for (String file : hls.files()) {
                steps.storage().putFile(prefix + file, dir.resolve(file), file.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp4");
            }
            Log.info("output packaged", "jobId", plan.job().jobId(), "profileId", profile.id(), "segments", hls.segmentSeconds().size(),
                    "peakBitsPerSecond", hls.peakBitsPerSecond());
            return new Packaged(profile.id(), profile.container(), prefix, hls);
        } finally {
            WorkDirs.delete(work);
        }
    }
}
