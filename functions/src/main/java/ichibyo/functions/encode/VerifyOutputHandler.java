package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.Chunk;
import ichibyo.core.encode.ChunkQuality;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.OutputVerification;
import ichibyo.core.encode.OutputVerifier;
import ichibyo.core.encode.Profile;
import ichibyo.core.encode.exceptions.OutputVerificationException;
import ichibyo.core.media.WorkDirs;
import ichibyo.functions.Log;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * verify: a joined output against its master ({@link OutputVerifier}: frames, duration, time stamps at every
 * seam, audio; SSIM and PSNR of every frame from the chunks' own measurements, confirmed on the joined output at a
 * few seams), read through presigned URLs. The report is written to
 * {@code encodes/{jobId}/verifications/{profileId}.json} either way; a failed one then fails the step with
 * {@link OutputVerificationException}, which is not retried. Input {@link ProfileTask}; output the report.
 */
public final class VerifyOutputHandler extends EncodeStepHandler<ProfileTask, OutputVerification> {

    public VerifyOutputHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public VerifyOutputHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    VerifyOutputHandler(EncodeSteps steps, Map<String, String> env) {
        super(ProfileTask.class, "verify-output", "verify-output-fails-no-plan.json", steps, env);
    }

    @Override
    protected OutputVerification handle(ProfileTask in) {
        EncodePlan plan = steps.storage().plan(in.planKey());
        Profile profile = plan.profiles().profile(in.profileId());
        // Every chunk's own measurement (encode-chunk stored it beside the chunk); a missing one fails verification by name.
        List<ChunkQuality> qualities = new ArrayList<>();
        for (Chunk chunk : plan.chunks()) {
            qualities.add(steps.storage().chunkQuality(plan.job().chunkQualityKey(profile, chunk)));
        }
        Path work = WorkDirs.create("verify");
        OutputVerification report;
        try {
            report = new OutputVerifier(steps.ffmpeg(), steps.timeLimit()).verify(
                    steps.storage().url(plan.job().outputKey(profile), steps.urlLifetime()),
                    steps.storage().url(plan.masterKey(), steps.urlLifetime()), plan.master(), profile, plan.chunks(), qualities, work);
        } finally {
            WorkDirs.delete(work);
        }
        try {
            steps.storage().putText(plan.job().verificationKey(profile), Json.mapper().writeValueAsString(report), "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        steps.workLog().outputVerified(plan.job().jobId(), report);
        Log.info("output verified", "jobId", plan.job().jobId(), "profileId", profile.id(), "passed", report.passed(), "frames", report.frames(),
                "ssimMean", report.ssimMean(), "psnrMean", report.psnrMean(), "seams", report.seams().size());
        if (!report.passed()) {
            throw new OutputVerificationException(profile.id(), report.failures());
        }
        return report;
    }
}
