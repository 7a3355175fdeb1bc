package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.EncodeCompleted;
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
 * also the event's detail) beside them. Nothing is placed before all passed. Input {@code {planKey, verifications}}
 * (verify's reports); output the {@link EncodeCompleted} detail.
 */
public final class PlaceOutputsHandler extends EncodeStepHandler<PlaceOutputsHandler.PlaceRequest, EncodeCompleted> {

    public record PlaceRequest(String planKey, List<OutputVerification> verifications) {}

    public PlaceOutputsHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    public PlaceOutputsHandler(Map<String, String> env) {
        this(EncodeSteps.fromEnvironment(env), env);
    }

    PlaceOutputsHandler(EncodeSteps steps, Map<String, String> env) {
        super(PlaceRequest.class, "place-outputs", "{\"planKey\":\"encodes/j/plan.json\",\"verifications\":[]}", steps, env);
    }

    @Override
    protected EncodeCompleted handle(PlaceRequest in) {
        EncodePlan plan = steps.storage().plan(in.planKey());
        List<OutputVerification> reports = in.verifications() == null ? List.of() : in.verifications();
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
            outputs.add(new EncodeCompleted.PlacedOutput(profile.id(), profile.version(), to, size.width(), size.height(), report.frames(),
                    report.durationSeconds(), bytes, bytes * 8 / 1000.0 / report.durationSeconds(), report.ssimMean(), report.psnrMean(), seamMin));
        }
        EncodeCompleted completed = new EncodeCompleted(plan.job().jobId(), plan.job().contentId(), plan.job().profileSet(),
                plan.job().profileSetVersion(), plan.masterKey(), plan.chunks().size(), outputs);
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
