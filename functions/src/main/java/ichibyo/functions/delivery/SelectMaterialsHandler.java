package ichibyo.functions.delivery;

import ichibyo.core.catalog.MediaItem;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.delivery.SkipReason;
import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import ichibyo.core.media.MediaKind;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.selection.MaterialSelector;
import ichibyo.core.selection.MoviePlanner;
import ichibyo.core.selection.Selection;
import ichibyo.functions.Env;
import ichibyo.functions.Log;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.functions.family.FamilyDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * select-materials: one family's moments of the period. Nothing to do when its delivery record exists
 * ({@code ALREADY_DELIVERED}; {@code EVENT_PENDING} when its event was never sent, which deliver then
 * sends). Otherwise its usable media of the period's months and the edition's kinds from the catalog's
 * byMonth index, best first (docs/catalog.md pattern 3), core's {@link MaterialSelector} and
 * {@link MoviePlanner}: a render plan whose sources are {@code s3://bucket/key} URIs of the originals (the
 * render step presigns them), written to {@link Delivery#planKey()}, or, with more than
 * {@code RENDER_ON_FARGATE_ABOVE_MOMENTS} moments (default 40), to {@code large-plans/{familyId}.json}
 * under the run's prefix, rendered on Fargate. The selection (why each moment) goes to
 * {@link Delivery#selectionKey()}. Too few distinct moments: {@code SKIPPED} with
 * {@code TOO_LITTLE_MATERIAL}.
 *
 * <p>Input {@code {family, edition, period, runPrefix, runName}}; output {@link SelectionResult}.
 * Configuration: {@code MEDIA_BUCKET}, {@code CATALOG_TABLE}, {@code FAMILIES_TABLE},
 * {@code RENDER_ON_FARGATE_ABOVE_MOMENTS}.
 */
public final class SelectMaterialsHandler extends StepHandler<SelectMaterialsHandler.FamilyInput, SelectMaterialsHandler.SelectionResult> {
    /** Candidates read per month and kind: enough for the edition's slices to find each stretch's best. */
    private static final int MIN_CANDIDATES_PER_MONTH = 60;

    private final RunStorage storage;
    private final MediaCatalog catalog;
    private final FamilyDirectory families;
    private final int fargateAbove;
    private final Clock clock;

    public record FamilyInput(Target family, String edition, Period period, String runPrefix, String runName) {}

    public enum Status { SELECTED, SKIPPED, ALREADY_DELIVERED, EVENT_PENDING }

    public enum RenderOn { LAMBDA, FARGATE }

    /**
     * @param planKey   the render plan (SELECTED)
     * @param stagingKey where render puts the movie before deliver copies it to its place
     * @param moments   moments in the plan
     * @param startedAt when the family's movie was started (its time to delivery is measured from it)
     */
    public record SelectionResult(String familyId, Status status, SkipReason reason, String planKey, String stagingKey,
                                  RenderOn renderOn, Integer moments, String title, String selectionKey, Instant startedAt) {}

    public SelectMaterialsHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    @Override
    protected String sampleEvent() {
        return "select-materials-family.json";
    }

    public SelectMaterialsHandler(Map<String, String> env) {
        this(AwsClients.fromEnvironment(env), env);
    }

    private SelectMaterialsHandler(AwsClients aws, Map<String, String> env) {
        this(new RunStorage(aws.s3(), Env.require(env, "MEDIA_BUCKET")), new MediaCatalog(aws.dynamoDb(), Env.require(env, "CATALOG_TABLE")),
                new FamilyDirectory(aws.dynamoDb(), Env.require(env, "FAMILIES_TABLE")),
                Env.intOr(env, "RENDER_ON_FARGATE_ABOVE_MOMENTS", 40), Clock.systemUTC(), env);
    }

    SelectMaterialsHandler(RunStorage storage, MediaCatalog catalog, FamilyDirectory families, int fargateAbove, Clock clock,
            Map<String, String> env) {
        super(FamilyInput.class, "select-materials", env);
        this.storage = storage;
        this.catalog = catalog;
        this.families = families;
        this.fargateAbove = fargateAbove;
        this.clock = clock;
    }

    public static String stagingKey(String runPrefix, String familyId) {
        return runPrefix + "staging/" + familyId + ".mp4";
    }

    public static String largePlanKey(String runPrefix, String familyId) {
        return runPrefix + "large-plans/" + familyId + ".json";
    }

    @Override
    protected SelectionResult handle(FamilyInput in) {
        if (in.family() == null || in.period() == null || in.runPrefix() == null || in.edition() == null) {
            throw new InvalidStepInputException("select-materials needs family, edition, period and runPrefix");
        }
        Instant started = clock.instant();
        Family family = in.family().toFamily();
        Delivery delivery = new Delivery(family.familyId(), in.edition(), in.period());
        Optional<FamilyDirectory.StoredDelivery> record = families.delivery(delivery);
        if (record.isPresent()) {
            Status status = record.get().eventSent() ? Status.ALREADY_DELIVERED : Status.EVENT_PENDING;
            return new SelectionResult(family.familyId(), status, status == Status.ALREADY_DELIVERED ? SkipReason.ALREADY_DELIVERED : null,
                    null, null, null, record.get().record().moments(), record.get().record().title(), delivery.selectionKey(), started);
        }
        Edition edition = storage.edition(in.runPrefix(), in.edition());
        List<MediaItem> items = candidates(family.familyId(), edition, in.period());
        Selection selection = MaterialSelector.select(family, edition, in.period(), items);
        storage.putText(delivery.selectionKey(), selection.toJson(), "application/json");
        if (!selection.isEnough()) {
            Log.info("too few distinct moments", "familyId", family.familyId(), "moments", selection.picks().size(),
                    "required", selection.minMoments());
            return new SelectionResult(family.familyId(), Status.SKIPPED, SkipReason.TOO_LITTLE_MATERIAL, null, null, null,
                    selection.picks().size(), null, delivery.selectionKey(), started);
        }
        RenderPlan plan = MoviePlanner.plan(selection, family, edition, items,
                item -> "s3://" + item.source().bucket() + "/" + item.source().key(), MoviePlanner.Look.PLAIN);
        int moments = plan.clips().size();
        RenderOn on = moments > fargateAbove ? RenderOn.FARGATE : RenderOn.LAMBDA;
        String planKey = on == RenderOn.FARGATE ? largePlanKey(in.runPrefix(), family.familyId()) : delivery.planKey();
        storage.putText(planKey, plan.toJson(), "application/json");
        Log.info("moments selected", "familyId", family.familyId(), "candidates", selection.candidates(), "moments", moments,
                "renderOn", on, "planKey", planKey);
        return new SelectionResult(family.familyId(), Status.SELECTED, null, planKey, stagingKey(in.runPrefix(), family.familyId()),
                on, moments, plan.title(), delivery.selectionKey(), started);
    }

    /** The family's usable items of the edition's kinds in the period's months, each month's best first. */
    private List<MediaItem> candidates(String familyId, Edition edition, Period period) {
        int limit = Math.max(MIN_CANDIDATES_PER_MONTH, 3 * edition.maxMoments());
        List<MediaItem> items = new ArrayList<>();
        for (YearMonth month : period.months()) {
            for (MediaKind kind : edition.material()) {
                items.addAll(catalog.bestOfMonth(familyId, month, kind, limit));
            }
        }
        return items;
    }
}
