package ichibyo.functions.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.edition.Period;
import ichibyo.functions.Env;
import ichibyo.functions.Invocation;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * record-failure: a family whose movie could not be made (bad media, a render that failed, a step that
 * kept failing) is written to {@code failures/{familyId}.json} under the run's prefix with the error and
 * its cause, and the run goes on.
 *
 * <p>Input {@code {family, edition, period, runPrefix, runName, selection?, render?, error: {Error, Cause}}};
 * output a {@code FAILED} {@link FamilyResult}. Configuration: {@code MEDIA_BUCKET}.
 */
public final class RecordFailureHandler extends StepHandler<RecordFailureHandler.FailureInput, FamilyResult> {
    /** The cause kept in the family's outcome (the failure document keeps more). */
    static final int SHORT_CAUSE = 500;
    static final int LONG_CAUSE = 8000;

    private final RunStorage storage;
    private final Clock clock;

    public record StepError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {}

    public record FailureInput(Target family, String edition, Period period, String runPrefix, String runName,
                               FamilyResult.SelectionView selection, FamilyResult.Rendered render, StepError error) {}

    /** The document under {@code failures/}. */
    public record FailureRecord(String familyId, String edition, Period period, String runName, String error, String message,
                                String cause, Instant recordedAt) {}

    public RecordFailureHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    @Override
    protected String sampleEvent() {
        return "record-failure-render-failed.json";
    }

    public RecordFailureHandler(Map<String, String> env) {
        this(new RunStorage(AwsClients.fromEnvironment(env).s3(), Env.require(env, "MEDIA_BUCKET")), Clock.systemUTC(), env);
    }

    RecordFailureHandler(RunStorage storage, Clock clock, Map<String, String> env) {
        super(FailureInput.class, "record-failure", env);
        this.storage = storage;
        this.clock = clock;
    }

    public static String failureKey(String runPrefix, String familyId) {
        return runPrefix + "failures/" + familyId + ".json";
    }

    @Override
    protected FamilyResult handle(FailureInput in) {
        if (in.family() == null || in.family().familyId() == null || in.runPrefix() == null) {
            throw new InvalidStepInputException("record-failure needs family and runPrefix");
        }
        String error = in.error() == null || in.error().error() == null ? "Unknown" : in.error().error();
        String cause = in.error() == null ? null : in.error().cause();
        String message = message(cause);
        Instant now = clock.instant();
        storage.putJson(failureKey(in.runPrefix(), in.family().familyId()), new FailureRecord(in.family().familyId(), in.edition(),
                in.period(), in.runName(), error, message, cut(cause, LONG_CAUSE), now));
        Long millis = in.selection() != null && in.selection().startedAt() != null
                ? Duration.between(in.selection().startedAt(), now).toMillis() : null;
        Log.warn("family failed", "familyId", in.family().familyId(), "error", error, "detail", message);
        Invocation.count("record-failure", "FamiliesFailed", "error", error);
        return new FamilyResult(in.family().familyId(), "FAILED", null, error, cut(message, SHORT_CAUSE), null, null, null, millis,
                FamilyResult.fargateSeconds(in.selection(), in.render()), FamilyResult.before(in.selection(), in.render()));
    }

    /** A Lambda error's cause is its error object: its message is what a person reads. */
    static String message(String cause) {
        if (cause == null) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(cause);
            if (node != null && node.hasNonNull("errorMessage")) {
                return node.get("errorMessage").asText();
            }
        } catch (Exception e) {
            // not JSON: the cause is the message
        }
        return cause;
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
