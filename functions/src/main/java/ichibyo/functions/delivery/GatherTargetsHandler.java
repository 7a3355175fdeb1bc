package ichibyo.functions.delivery;

import ichibyo.core.delivery.SkipReason;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * gather-targets: joins the segments' target lists into {@code targets.jsonl} under the run's prefix, the
 * one list the family map reads ({@link TargetLists}, streaming), and sums the segments' counts. The
 * segments' own Lambda usage passes through to the run summary.
 *
 * <p>Input {@code {runPrefix, segments: [extract-targets results]}}; output {@link Targets}.
 * Configuration: {@code MEDIA_BUCKET}.
 */
public final class GatherTargetsHandler extends StepHandler<GatherTargetsHandler.GatherInput, GatherTargetsHandler.Targets> {
    private final TargetLists lists;

    /** An extract-targets result as the scan map returns it (with its {@code lambda}). */
    public record Segment(int segment, String targetsKey, int families, int skipped, Map<SkipReason, Integer> skippedByReason,
                          int withoutProfile, StepLambda lambda) {}

    public record GatherInput(String runPrefix, List<Segment> segments) {}

    /**
     * @param targetsKey the joined list
     * @param families   eligible families in it
     * @param lambdas    the segments' Lambda usage
     */
    public record Targets(String targetsKey, int families, int skipped, Map<SkipReason, Integer> skippedByReason,
                          int withoutProfile, long bytes, List<StepLambda> lambdas) {}

    public GatherTargetsHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    @Override
    protected String sampleEvent() {
        return "gather-targets-segments.json";
    }

    public GatherTargetsHandler(Map<String, String> env) {
        this(new TargetLists(AwsClients.fromEnvironment(env).s3(), Env.require(env, "MEDIA_BUCKET")), env);
    }

    GatherTargetsHandler(TargetLists lists, Map<String, String> env) {
        super(GatherInput.class, "gather-targets", env);
        this.lists = lists;
    }

    public static String targetsKey(String runPrefix) {
        return runPrefix + "targets.jsonl";
    }

    @Override
    protected Targets handle(GatherInput in) {
        if (in.runPrefix() == null || in.segments() == null) {
            throw new InvalidStepInputException("gather-targets needs runPrefix and segments");
        }
        List<Segment> segments = in.segments().stream().sorted(java.util.Comparator.comparingInt(Segment::segment)).toList();
        String key = targetsKey(in.runPrefix());
        long bytes = lists.join(segments.stream().map(Segment::targetsKey).toList(), key);
        Map<SkipReason, Integer> byReason = new EnumMap<>(SkipReason.class);
        int families = 0;
        int skipped = 0;
        int withoutProfile = 0;
        for (Segment s : segments) {
            families += s.families();
            skipped += s.skipped();
            withoutProfile += s.withoutProfile();
            if (s.skippedByReason() != null) {
                s.skippedByReason().forEach((r, n) -> byReason.merge(r, n, Integer::sum));
            }
        }
        Log.info("targets gathered", "runPrefix", in.runPrefix(), "families", families, "skipped", skipped, "bytes", bytes);
        return new Targets(key, families, skipped, byReason, withoutProfile, bytes,
                segments.stream().map(Segment::lambda).filter(java.util.Objects::nonNull).toList());
    }
}
