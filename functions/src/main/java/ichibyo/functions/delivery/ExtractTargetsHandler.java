package ichibyo.functions.delivery;

import static ichibyo.core.catalog.CatalogKeys.COUNTS_INDEX;
import static ichibyo.core.catalog.CatalogKeys.COUNTS_PK;
import static ichibyo.core.catalog.CatalogKeys.COUNTS_SK;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.catalog.CatalogKeys;
import ichibyo.core.delivery.Eligibility;
import ichibyo.core.delivery.MaterialCount;
import ichibyo.core.delivery.SkipReason;
import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Period;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.family.FamilyDirectory;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * extract-targets: one segment of a parallel Scan of the catalog's sparse {@code counts} index (counter
 * items only, never media; docs/catalog.md pattern 4), filtered to the period's months; per family the
 * usable photos and videos of each month; the families' profiles and delivery records in batches; core's
 * {@link Eligibility} decides. Eligible families go to {@code targets/segment-NNNN.jsonl} (a {@link Target}
 * per line), the others to {@code skipped/segment-NNNN.jsonl} (id, reason, counts). A counter of a family
 * that has no profile is counted as {@code withoutProfile} and not delivered.
 *
 * <p>Input {@code {edition, period, runPrefix, segment, totalSegments}}; output {@link SegmentResult}.
 * Configuration: {@code MEDIA_BUCKET}, {@code CATALOG_TABLE}, {@code FAMILIES_TABLE}.
 */
public final class ExtractTargetsHandler extends StepHandler<ExtractTargetsHandler.SegmentInput, ExtractTargetsHandler.SegmentResult> {
    /** Families looked up per batch (two keys each: BatchGetItem takes 100). */
    private static final int LOOKUP_BATCH = 50;

    private final RunStorage storage;
    private final DynamoDbClient dynamoDb;
    private final String catalogTable;
    private final FamilyDirectory families;
    private final Clock clock;

    public record SegmentInput(String edition, Period period, String runPrefix, int segment, int totalSegments) {}

    /**
     * @param families        eligible families written to {@code targetsKey}
     * @param skipped         families skipped, written to {@code skippedKey}
     * @param withoutProfile  families with counters but no profile (never delivered)
     * @param counters        counter items read
     */
    public record SegmentResult(int segment, String targetsKey, String skippedKey, int families, int skipped,
                                Map<SkipReason, Integer> skippedByReason, int withoutProfile, long counters) {}

    /** A line of the skipped list. */
    public record Skipped(String familyId, SkipReason reason, Long usable, int required, Long photos, Long videos) {}

    public ExtractTargetsHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    @Override
    protected String sampleEvent() {
        return "extract-targets-segment.json";
    }

    public ExtractTargetsHandler(Map<String, String> env) {
        this(AwsClients.fromEnvironment(env), env);
    }

    private ExtractTargetsHandler(AwsClients aws, Map<String, String> env) {
        this(new RunStorage(aws.s3(), Env.require(env, "MEDIA_BUCKET")), aws.dynamoDb(), Env.require(env, "CATALOG_TABLE"),
                new FamilyDirectory(aws.dynamoDb(), Env.require(env, "FAMILIES_TABLE")), Clock.systemUTC(), env);
    }

    ExtractTargetsHandler(RunStorage storage, DynamoDbClient dynamoDb, String catalogTable, FamilyDirectory families, Clock clock,
            Map<String, String> env) {
        super(SegmentInput.class, "extract-targets", env);
        this.storage = storage;
        this.dynamoDb = dynamoDb;
        this.catalogTable = catalogTable;
        this.families = families;
        this.clock = clock;
    }

    public static String targetsKey(String runPrefix, int segment) {
        return runPrefix + String.format(Locale.ROOT, "targets/segment-%04d.jsonl", segment);
    }

    public static String skippedKey(String runPrefix, int segment) {
        return runPrefix + String.format(Locale.ROOT, "skipped/segment-%04d.jsonl", segment);
    }

    @Override
    protected SegmentResult handle(SegmentInput in) {
        if (in.period() == null || in.runPrefix() == null || in.totalSegments() < 1 || in.segment() < 0 || in.segment() >= in.totalSegments()) {
            throw new InvalidStepInputException("extract-targets needs period, runPrefix and 0 <= segment < totalSegments: " + in);
        }
        Edition edition = storage.edition(in.runPrefix(), in.edition());
        List<YearMonth> months = in.period().months();
        // Counters of the period's months in this segment, per family (sorted: the lists come out in a stable order).
        Map<String, Map<YearMonth, MaterialCount>> counts = new TreeMap<>();
        long counters = scan(in, months, counts);

        StringBuilder targets = new StringBuilder();
        StringBuilder skipped = new StringBuilder();
        Map<SkipReason, Integer> byReason = new EnumMap<>(SkipReason.class);
        int eligible = 0;
        int withoutProfile = 0;
        List<String> ids = new ArrayList<>(counts.keySet());
        var now = clock.instant();
        for (int from = 0; from < ids.size(); from += LOOKUP_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + LOOKUP_BATCH));
            Map<String, FamilyDirectory.Lookup> found = families.lookup(batch, edition.id(), in.period());
            for (String id : batch) {
                FamilyDirectory.Lookup lookup = found.get(id);
                if (lookup.profile() == null) {
                    withoutProfile++;
                    continue;
                }
                // A record whose event was never sent still goes to select-materials, which has deliver send it.
                boolean delivered = lookup.record() == FamilyDirectory.RecordState.DELIVERED;
                Eligibility e = Eligibility.check(lookup.profile(), edition, in.period(), counts.get(id), delivered, now);
                if (e.eligible() || lookup.record() == FamilyDirectory.RecordState.EVENT_PENDING) {
                    eligible++;
                    line(targets, Target.of(lookup.profile()));
                } else {
                    byReason.merge(e.reason(), 1, Integer::sum);
                    line(skipped, new Skipped(id, e.reason(), e.usable(), e.required(), e.photos(), e.videos()));
                }
            }
        }
        String targetsKey = targetsKey(in.runPrefix(), in.segment());
        String skippedKey = skippedKey(in.runPrefix(), in.segment());
        storage.putText(targetsKey, targets.toString(), "application/x-ndjson");
        storage.putText(skippedKey, skipped.toString(), "application/x-ndjson");
        int skippedCount = byReason.values().stream().mapToInt(Integer::intValue).sum();
        Log.info("segment extracted", "runPrefix", in.runPrefix(), "segment", in.segment(), "counters", counters,
                "eligible", eligible, "skipped", skippedCount, "withoutProfile", withoutProfile);
        return new SegmentResult(in.segment(), targetsKey, skippedKey, eligible, skippedCount, byReason, withoutProfile, counters);
    }

    /** Reads this segment's counters of {@code months}; returns how many counter items were read. */
    private long scan(SegmentInput in, List<YearMonth> months, Map<String, Map<YearMonth, MaterialCount>> counts) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            values.put(":m" + i, AttributeValue.fromS(CatalogKeys.countsPk(months.get(i))));
            placeholders.add(":m" + i);
        }
        long read = 0;
        var pages = dynamoDb.scanPaginator(r -> r.tableName(catalogTable).indexName(COUNTS_INDEX)
                .segment(in.segment()).totalSegments(in.totalSegments())
                .filterExpression("#month IN (" + String.join(", ", placeholders) + ")")
                .projectionExpression("#month, #family, photos, videos")
                .expressionAttributeNames(Map.of("#month", COUNTS_PK, "#family", COUNTS_SK))
                .expressionAttributeValues(values));
        for (Map<String, AttributeValue> item : pages.items()) {
            read++;
            YearMonth month = YearMonth.parse(item.get(COUNTS_PK).s().substring("COUNT#".length()));
            String family = item.get(COUNTS_SK).s();
            MaterialCount count = new MaterialCount(number(item.get("photos")), number(item.get("videos")));
            counts.computeIfAbsent(family, f -> new HashMap<>()).merge(month, count, MaterialCount::plus);
        }
        return read;
    }

    private static long number(AttributeValue v) {
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static void line(StringBuilder out, Object value) {
        try {
            out.append(Json.mapper().writeValueAsString(value)).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
