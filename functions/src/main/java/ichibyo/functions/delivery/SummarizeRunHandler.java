package ichibyo.functions.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.cost.CostModel;
import ichibyo.core.cost.Usage;
import ichibyo.core.delivery.FamilyOutcome;
import ichibyo.core.delivery.RunSummary;
import ichibyo.core.delivery.SkipReason;
import ichibyo.core.edition.Period;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * summarize-run: what the run did and cost. Reads the Distributed Maps' results (the ResultWriter manifest:
 * {@code ResultFiles.SUCCEEDED/FAILED}, each file a JSON array of child executions whose {@code Output} is a
 * JSON string — for the family map's Express batch children the array of its families' results, for the
 * large-plan map's Standard children one family's result); a child that failed as a whole fails each of its
 * families with its error. Skipped families come from the target lists' counts. Builds core's
 * {@link RunSummary} with the cost estimated by core's {@link CostModel} from the usage the steps report
 * (Lambda GB-seconds from each step's own elapsed time and memory), Express children's requests and
 * durations, Standard transitions counted from the definition's shape, Fargate task time, and events.
 * Writes the whole summary to {@code summary.json} under the run's prefix and returns a compact one for
 * the RunCompleted event (well under 256 KiB: at most {@value #FAILURES_SHOWN} failures by name).
 *
 * <p>Configuration: {@code MEDIA_BUCKET}; {@code RENDER_MEMORY_MB} (default 3008) for renders that do not
 * report their memory; {@code RENDER_TASK_VCPU} (default 2) and {@code RENDER_TASK_MEMORY_GB} (default 4)
 * for Fargate renders (on Spot).
 */
public final class SummarizeRunHandler extends StepHandler<SummarizeRunHandler.SummaryInput, SummarizeRunHandler.CompactSummary> {
    static final int FAILURES_SHOWN = 20;
    /** Express is billed in 64 MB steps of the workflow's memory; a batch of Lambda calls needs the least. */
    static final int EXPRESS_MEMORY_MB = 64;
    /** Lambda memory of a step that reported none and is not the render step. */
    static final int DEFAULT_MEMORY_MB = 1024;

    private final RunStorage storage;
    private final CostModel costs;
    private final int renderMemoryMb;
    private final double renderVcpu;
    private final double renderMemoryGb;
    private final int ownMemoryMb;
    private final Clock clock;

    public record RunView(String edition, Period period, String runName, String runPrefix, int totalSegments, StepLambda lambda) {}

    public record TargetsView(int families, int skipped, Map<SkipReason, Integer> skippedByReason, int withoutProfile,
                              List<StepLambda> lambdas, StepLambda lambda) {}

    public record ResultWriterDetails(@JsonProperty("Bucket") String bucket, @JsonProperty("Key") String key) {}

    public record SummaryInput(RunView run, TargetsView targets, ResultWriterDetails familyResults, ResultWriterDetails largeResults,
                               Instant startedAt) {}

    /** A failure as the compact summary names it. */
    public record Failure(String familyId, String error) {}

    /**
     * What the RunCompleted event carries; {@code summaryKey} has everything.
     *
     * @param estimatedCost the estimate's total, in {@code currency}
     */
    public record CompactSummary(String executionName, String edition, Period period, Instant startedAt, Instant finishedAt,
                                 long durationSeconds, int delivered, Map<SkipReason, Integer> skipped, int failed,
                                 List<Failure> failures, int withoutProfile, RunSummary.Percentiles movieMillis,
                                 double estimatedCost, String currency, String summaryKey) {}

    public SummarizeRunHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    @Override
    protected String sampleEvent() {
        return "summarize-run-empty.json";
    }

    public SummarizeRunHandler(Map<String, String> env) {
        this(new RunStorage(AwsClients.fromEnvironment(env).s3(), Env.require(env, "MEDIA_BUCKET")), CostModel.defaults(),
                Env.intOr(env, "RENDER_MEMORY_MB", 3008), Double.parseDouble(Env.or(env, "RENDER_TASK_VCPU", "2")),
                Double.parseDouble(Env.or(env, "RENDER_TASK_MEMORY_GB", "4")), Clock.systemUTC(), env);
    }

    SummarizeRunHandler(RunStorage storage, CostModel costs, int renderMemoryMb, double renderVcpu, double renderMemoryGb, Clock clock,
            Map<String, String> env) {
        super(SummaryInput.class, "summarize-run", env);
        this.storage = storage;
        this.costs = costs;
        this.renderMemoryMb = renderMemoryMb;
        this.renderVcpu = renderVcpu;
        this.renderMemoryGb = renderMemoryGb;
        this.ownMemoryMb = Env.intOr(env, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", DEFAULT_MEMORY_MB);
        this.clock = clock;
    }

    public static String summaryKey(String runPrefix) {
        return runPrefix + "summary.json";
    }

    @Override
    protected CompactSummary handle(SummaryInput in) {
        long start = System.nanoTime();
        if (in.run() == null || in.run().runPrefix() == null) {
            throw new InvalidStepInputException("summarize-run needs the run");
        }
        Tally tally = new Tally();
        List<Map<String, JsonNode>> family = children(in.familyResults());
        for (Map<String, JsonNode> child : family) {
            tally.usage = tally.usage.plus(Usage.express(millis(child), EXPRESS_MEMORY_MB));
            JsonNode output = output(child);
            if (output != null && output.isArray()) {
                output.forEach(tally::add);
            } else {
                // The batch child failed as a whole: each of its families failed with its error.
                for (JsonNode item : input(child).path("Items")) {
                    tally.fail(item.path("familyId").asText(), text(child, "Error"), text(child, "Cause"));
                }
            }
        }
        List<Map<String, JsonNode>> large = children(in.largeResults());
        for (Map<String, JsonNode> child : large) {
            JsonNode output = output(child);
            String familyId = input(child).path("family").path("familyId").asText();
            tally.toFargate.remove(familyId);
            if (output != null && output.isObject()) {
                tally.add(output);
                if (output.hasNonNull("fargateSeconds")) {
                    tally.usage = tally.usage.plus(Usage.fargate(renderVcpu, renderMemoryGb, output.get("fargateSeconds").asDouble(), true));
                }
            } else {
                tally.fail(familyId, text(child, "Error"), text(child, "Cause"));
            }
        }
        for (String familyId : tally.toFargate) {
            tally.fail(familyId, "LargeRenderMissing", "the family's plan went to Fargate, and the large-plan map has no result for it");
        }

        TargetsView targets = in.targets();
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        if (targets != null && targets.skippedByReason() != null) {
            skipped.putAll(targets.skippedByReason());
        }
        // Usage the steps reported: plan, the scan segments, gather, each family's steps, and this step so far.
        List<StepLambda> lambdas = new ArrayList<>(tally.lambdas);
        if (in.run().lambda() != null) {
            lambdas.add(in.run().lambda());
        }
        if (targets != null) {
            if (targets.lambdas() != null) {
                lambdas.addAll(targets.lambdas());
            }
            if (targets.lambda() != null) {
                lambdas.add(targets.lambda());
            }
        }
        lambdas.add(new StepLambda("summarize-run", (System.nanoTime() - start) / 1_000_000, ownMemoryMb));
        Usage usage = tally.usage;
        for (StepLambda l : lambdas) {
            usage = usage.plus(l.usage("render-movie".equals(l.function()) ? renderMemoryMb : DEFAULT_MEMORY_MB));
        }
        int delivered = (int) tally.outcomes.values().stream().filter(o -> o.status() == FamilyOutcome.Status.DELIVERED).count();
        int looked = targets == null ? 0 : targets.families() + targets.skipped();
        usage = usage.plus(Usage.standardTransitions(standardTransitions(in.run().totalSegments(), !family.isEmpty() || targets != null
                && targets.families() > 0, family.size(), large.size())))
                .plus(Usage.events(delivered + 1L))
                // Estimates of the requests: per segment two lists, per family a plan, a selection, a staged movie
                // and poster and their two copies; two keys read per family looked up, a record written and updated.
                .plus(Usage.s3(2L * in.run().totalSegments() + 1 + 6L * delivered, (long) looked))
                .plus(Usage.dynamo(2.0 * delivered, 2.0 * looked + delivered));

        Instant finished = clock.instant();
        Instant started = in.startedAt() == null ? finished : in.startedAt();
        RunSummary computed = RunSummary.of(in.run().runName(), in.run().edition(), in.run().period(), started, finished,
                tally.outcomes.values(), usage, costs);
        computed.skipped().forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
        RunSummary summary = new RunSummary(computed.executionName(), computed.edition(), computed.period(), started, finished,
                computed.delivered(), skipped, computed.failed(), computed.movieMillis(), computed.cost());
        String key = summaryKey(in.run().runPrefix());
        Map<String, Object> document = new LinkedHashMap<>(Json.mapper().convertValue(summary, Map.class));
        document.put("withoutProfile", targets == null ? 0 : targets.withoutProfile());
        storage.putJson(key, document);
        List<Failure> failures = summary.failed().stream().limit(FAILURES_SHOWN).map(f -> new Failure(f.familyId(), f.error())).toList();
        Log.info("delivery run summarised", "run", summary.executionName(), "delivered", summary.delivered(), "skipped", skipped,
                "failed", summary.failed().size(), "estimatedCost", summary.cost().total());
        return new CompactSummary(summary.executionName(), summary.edition(), summary.period(), started, finished,
                Duration.between(started, finished).toSeconds(), summary.delivered(), skipped, summary.failed().size(), failures,
                targets == null ? 0 : targets.withoutProfile(), summary.movieMillis(), summary.cost().total(), summary.cost().currency(), key);
    }

    /**
     * Standard state transitions of the run, from the definition's shape (retries not counted): plan, the scan
     * map and one task per segment, gather, the choice, the two Distributed Maps when there were families, one
     * per child execution a Distributed Map starts (AWS bills the parent for each), two tasks per large-plan
     * child, summary and announcement; and the two states of start-delivery-run.
     */
    static long standardTransitions(int segments, boolean families, int familyChildren, int largeChildren) {
        return 2 + 1 + 1 + segments + 1 + 1 + (families ? 2 : 0) + familyChildren + 3L * largeChildren + 1 + 1;
    }

    /** The families' outcomes, one per family (a repeated family keeps its last). */
    private static final class Tally {
        final Map<String, FamilyOutcome> outcomes = new LinkedHashMap<>();
        final Set<String> toFargate = new LinkedHashSet<>();
        final List<StepLambda> lambdas = new ArrayList<>();
        Usage usage = Usage.NONE;

        void add(JsonNode r) {
            String familyId = r.path("familyId").asText();
            for (JsonNode l : r.path("lambdas")) {
                lambdas.add(Json.mapper().convertValue(l, StepLambda.class));
            }
            if (r.hasNonNull("lambda")) {
                lambdas.add(Json.mapper().convertValue(r.get("lambda"), StepLambda.class));
            }
            Long millis = r.hasNonNull("durationMillis") ? r.get("durationMillis").asLong() : null;
            switch (r.path("status").asText()) {
                case "DELIVERED" -> outcomes.put(familyId, new FamilyOutcome(familyId, FamilyOutcome.Status.DELIVERED, null, null, null,
                        millis, r.path("movieKey").asText(null)));
                case "ALREADY_DELIVERED" -> outcomes.put(familyId, FamilyOutcome.skipped(familyId, SkipReason.ALREADY_DELIVERED));
                case "SKIPPED" -> outcomes.put(familyId, FamilyOutcome.skipped(familyId, reason(r.path("reason").asText())));
                case "TO_FARGATE" -> toFargate.add(familyId);
                case "FAILED" -> outcomes.put(familyId, FamilyOutcome.failed(familyId, r.path("error").asText(null),
                        r.path("cause").asText(null), millis));
                default -> fail(familyId, "UnknownOutcome", "a family's result has no known status: " + r);
            }
        }

        void fail(String familyId, String error, String cause) {
            outcomes.put(familyId, FamilyOutcome.failed(familyId, error, RecordFailureHandler.cut(RecordFailureHandler.message(cause),
                    RecordFailureHandler.SHORT_CAUSE), null));
        }

        private static SkipReason reason(String name) {
            try {
                return SkipReason.valueOf(name);
            } catch (IllegalArgumentException e) {
                return SkipReason.TOO_LITTLE_MATERIAL;
            }
        }
    }

    /** The child executions a ResultWriter manifest lists (succeeded and failed), or none. */
    private List<Map<String, JsonNode>> children(ResultWriterDetails details) {
        List<Map<String, JsonNode>> children = new ArrayList<>();
        if (details == null || details.key() == null) {
            return children;
        }
        JsonNode manifest = read(details.key());
        for (String status : List.of("SUCCEEDED", "FAILED", "PENDING")) {
            for (JsonNode file : manifest.path("ResultFiles").path(status)) {
                for (JsonNode child : read(file.path("Key").asText())) {
                    Map<String, JsonNode> fields = new LinkedHashMap<>();
                    child.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
                    children.add(fields);
                }
            }
        }
        return children;
    }

    private JsonNode read(String key) {
        String text = storage.text(key).orElseThrow(() -> new RunDocumentMissingException(storage.bucket(), key));
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("s3://" + storage.bucket() + "/" + key + " is not JSON", e);
        }
    }

    /** A child's Output (a JSON string in the results), parsed; null when it has none. */
    private static JsonNode output(Map<String, JsonNode> child) {
        return parse(child.get("Output"));
    }

    private static JsonNode input(Map<String, JsonNode> child) {
        JsonNode input = parse(child.get("Input"));
        return input == null ? Json.mapper().createObjectNode() : input;
    }

    private static JsonNode parse(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            return value;
        }
        try {
            return Json.mapper().readTree(value.asText());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(Map<String, JsonNode> child, String field) {
        JsonNode v = child.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A child's duration from its StartDate and StopDate (ISO-8601 or epoch milliseconds). */
    private static long millis(Map<String, JsonNode> child) {
        Instant start = instant(child.get("StartDate"));
        Instant stop = instant(child.get("StopDate"));
        return start == null || stop == null ? 0 : Math.max(0, Duration.between(start, stop).toMillis());
    }

    private static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli(v.asLong());
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(v.asText()).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
