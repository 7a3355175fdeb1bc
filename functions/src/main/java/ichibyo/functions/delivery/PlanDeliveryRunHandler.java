package ichibyo.functions.delivery;

import ichibyo.core.delivery.ExecutionNames;
import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * plan-delivery-run: what a run of one edition delivers and how. The period is the one the input names,
 * else the latest one due at {@code scheduledAt} in the schedules' zone (Asia/Tokyo). The editions
 * document is {@value #EDITIONS_KEY} in the media bucket when there is one (rules change without a
 * deploy), else core's; the run pins its edition under its prefix for the other steps.
 *
 * <p>Input {@code {edition, period?, scheduledAt, runName?}}; output {@link RunPlan}. Configuration:
 * {@code MEDIA_BUCKET}; {@code DELIVERY_SEGMENTS} (scan segments, default 4), {@code DELIVERY_SCAN_CONCURRENCY}
 * (default: all segments at once), {@code DELIVERY_FAMILIES_PER_BATCH} (families per Express child, default 4:
 * an Express execution lasts at most 5 minutes), {@code DELIVERY_MAX_CONCURRENCY} (children at once, default
 * 100), {@code DELIVERY_TOLERATED_FAILURE_PERCENTAGE} (default 10), {@code FARGATE_CONCURRENCY} (default 10).
 */
public final class PlanDeliveryRunHandler extends StepHandler<PlanDeliveryRunHandler.PlanInput, PlanDeliveryRunHandler.RunPlan> {
    public static final String EDITIONS_KEY = "config/editions.json";
    /** Where the schedules fire; a period "just ended" is read in this zone. */
    public static final ZoneId SCHEDULE_ZONE = ZoneId.of("Asia/Tokyo");

    private final RunStorage storage;
    private final Limits limits;
    private final Clock clock;

    /**
     * @param edition     the edition id
     * @param period      the period's name; null for the latest one due at {@code scheduledAt}
     * @param scheduledAt when the run was started (the execution's start time)
     * @param runName     the execution's name when it is the delivery run itself; null when naming a run to start
     */
    public record PlanInput(String edition, String period, Instant scheduledAt, String runName) {}

    /** The run's limits, from configuration. */
    public record Limits(int segments, int scanConcurrency, int familiesPerBatch, int maxConcurrency,
                         int toleratedFailurePercentage, int fargateConcurrency) {
        public Limits {
            if (segments < 1 || segments > 1_000_000) {
                throw new IllegalStateException("DELIVERY_SEGMENTS must be 1–1000000, not " + segments);
            }
            if (familiesPerBatch < 1 || maxConcurrency < 0 || fargateConcurrency < 0 || scanConcurrency < 0) {
                throw new IllegalStateException("delivery limits must be positive: " + familiesPerBatch + ", " + maxConcurrency);
            }
            if (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100) {
                throw new IllegalStateException("DELIVERY_TOLERATED_FAILURE_PERCENTAGE must be 0–100, not " + toleratedFailurePercentage);
            }
        }

        static Limits from(Map<String, String> env) {
            int segments = Env.intOr(env, "DELIVERY_SEGMENTS", 4);
            return new Limits(segments, Env.intOr(env, "DELIVERY_SCAN_CONCURRENCY", segments),
                    Env.intOr(env, "DELIVERY_FAMILIES_PER_BATCH", 4), Env.intOr(env, "DELIVERY_MAX_CONCURRENCY", 100),
                    Env.intOr(env, "DELIVERY_TOLERATED_FAILURE_PERCENTAGE", 10), Env.intOr(env, "FARGATE_CONCURRENCY", 10));
        }
    }

    /**
     * What the state machines read: {@code runName} (the execution name), {@code runPrefix}, the segment
     * numbers the scan map iterates over, and the limits.
     */
    public record RunPlan(String edition, Period period, String runName, String runPrefix, List<Integer> segments,
                          int totalSegments, int scanConcurrency, int familiesPerBatch, int maxConcurrency,
                          int toleratedFailurePercentage, int fargateConcurrency, Instant scheduledAt, String editionsSource) {}

    public PlanDeliveryRunHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    @Override
    protected String sampleEvent() {
        return "plan-delivery-run-quarterly.json";
    }

    public PlanDeliveryRunHandler(Map<String, String> env) {
        this(new RunStorage(AwsClients.fromEnvironment(env).s3(), Env.require(env, "MEDIA_BUCKET")), Limits.from(env),
                Clock.systemUTC(), env);
    }

    PlanDeliveryRunHandler(RunStorage storage, Limits limits, Clock clock, Map<String, String> env) {
        super(PlanInput.class, "plan-delivery-run", env);
        this.storage = storage;
        this.limits = limits;
        this.clock = clock;
    }

    /** The runs' prefix in the media bucket: {@code runs/{edition}/{period}/}. */
    public static String runPrefix(String edition, Period period) {
        return "runs/" + edition + "/" + period.name() + "/";
    }

    @Override
    protected RunPlan handle(PlanInput input) {
        if (input.edition() == null || input.edition().isBlank()) {
            throw new InvalidStepInputException("plan-delivery-run needs an edition");
        }
        String override = storage.text(EDITIONS_KEY).orElse(null);
        Editions editions = Editions.load(override);
        Edition edition = editions.edition(input.edition());
        Instant at = input.scheduledAt() == null ? clock.instant() : input.scheduledAt();
        Period period = input.period() == null || input.period().isBlank()
                ? edition.dueAt(at, SCHEDULE_ZONE)
                : edition.parsePeriod(input.period());
        String runName = input.runName() == null || input.runName().isBlank() ? ExecutionNames.run(edition.id(), period) : input.runName();
        String prefix = runPrefix(edition.id(), period);
        storage.pinEdition(prefix, edition);
        String source = override == null || override.isBlank() ? "defaults" : "s3://" + storage.bucket() + "/" + EDITIONS_KEY;
        Log.info("delivery run planned", "edition", edition.id(), "period", period.name(), "runName", runName, "editions", source);
        return new RunPlan(edition.id(), period, runName, prefix, IntStream.range(0, limits.segments()).boxed().toList(),
                limits.segments(), limits.scanConcurrency(), limits.familiesPerBatch(), limits.maxConcurrency(),
                limits.toleratedFailurePercentage(), limits.fargateConcurrency(), at, source);
    }
}
