package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.Container;
import ichibyo.core.encode.EncodeCompleted;
import ichibyo.core.encode.HlsPackage;
import ichibyo.core.encode.HlsPackager;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.OutputSize;
import ichibyo.core.encode.OutputVerification;
import ichibyo.core.encode.Profile;
import ichibyo.core.encode.exceptions.InvalidEncodeRequestException;
import ichibyo.functions.Log;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * place: once every output of the job has passed verify, each is copied to
 * {@code deliveries/{contentId}/{profileSet}/{profileId}.mp4} and the manifest ({@link EncodeCompleted}, which is
 * also the event's detail) beside them, HLS outputs' files under {@code hls/{profileId}/} with the ladder's
 * {@code hls/master.m3u8}. Nothing is placed before all passed. Input {@code {planKey, profiles}} (verify's reports and
 * package's results); output the {@link EncodeCompleted} detail.
 */
public final class PlaceOutputsHandler extends EncodeStepHandler<PlaceOutputsHandler.PlaceRequest, EncodeCompleted> {

    /** What the per-profile steps gave: verify's report and package's result. */
    public record ProfileResult(OutputVerification verification, PackageOutputHandler.Packaged packaged) {}

    public record PlaceRequest(String planKey, List<ProfileResult> profiles) {}

    public PlaceOutputsHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public PlaceOutputsHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    PlaceOutputsHandler(EncodeSteps steps, Map<String, String> env) {
        super(PlaceRequest.class, "place-outputs", "place-outputs-fails-no-plan.json", steps, env);
    }

    @Override
    protected EncodeCompleted handle(PlaceRequest in) {
        EncodePlan plan = steps.storage().plan(in.planKey());
        List<ProfileResult> results = in.profiles() == null ? List.of() : in.profiles();
        List<OutputVerification> reports = results.stream().map(ProfileResult::verification).filter(java.util.Objects::nonNull).toList();
        List<HlsPackage> ladder = new ArrayList<>();
        List<EncodeCompleted.PlacedOutput> outputs = new ArrayList<>();
        for (Profile profile : plan.profiles().profiles()) {
            OutputVerification report = reports.stream().filter(r -> profile.id().equals(r.profileId())).findFirst()
                    .orElseThrow(() -> new InvalidEncodeRequestException("no verification of profile " + profile.id() + ": nothing is placed"));
            if (!report.passed()) {
                throw new InvalidEncodeRequestException("profile " + profile.id() + " failed verification: nothing is placed");
            }
            String from = plan.job().outputKey(profile);
            String to = plan.job().deliveryKey(profile);
            steps.storage().copy(from, to);
            long bytes = steps.storage().size(to);
            OutputSize size = OutputSize.of(plan.master(), profile);
            double seamMin = report.seams().stream().mapToDouble(OutputVerification.Seam::ssim).min().orElse(1);
            String playlist = null;
            PackageOutputHandler.Packaged packaged = results.stream().map(ProfileResult::packaged)
                    .filter(p -> p != null && profile.id().equals(p.profileId())).findFirst().orElse(null);
            if (profile.container() == Container.HLS_FMP4) {
                if (packaged == null || packaged.hls() == null) {
                    throw new InvalidEncodeRequestException("profile " + profile.id() + " is HLS and was not packaged: nothing is placed");
                }
                for (String file : packaged.hls().files()) {
                    steps.storage().copy(packaged.hlsPrefix() + file, plan.job().hlsKey(profile, file));
                }
                playlist = plan.job().hlsKey(profile, HlsPackage.PLAYLIST);
                ladder.add(packaged.hls());
            }
            outputs.add(new EncodeCompleted.PlacedOutput(profile.id(), profile.version(), to, size.width(), size.height(), report.frames(),
                    report.durationSeconds(), bytes, bytes * 8 / 1000.0 / report.durationSeconds(), report.ssimMean(), report.psnrMean(), seamMin,
                    playlist));
        }
        String masterPlaylist = null;
        if (!ladder.isEmpty()) {
            masterPlaylist = plan.job().hlsMasterPlaylistKey();
            steps.storage().putText(masterPlaylist, HlsPackager.masterPlaylist(ladder), "application/vnd.apple.mpegurl");
        }
        EncodeCompleted completed = new EncodeCompleted(plan.job().jobId(), plan.job().contentId(), plan.job().profileSet(),
                plan.job().profileSetVersion(), plan.masterKey(), plan.chunks().size(), outputs, masterPlaylist);
        try {
            steps.storage().putText(plan.job().manifestKey(), Json.mapper().writeValueAsString(completed), "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        steps.workLog().jobEnded(plan.job().jobId(), "SUCCEEDED", null, null);
        Log.info("outputs placed", "jobId", plan.job().jobId(), "outputs", outputs.size(), "manifestKey", plan.job().manifestKey());
        return completed;
    }
}
