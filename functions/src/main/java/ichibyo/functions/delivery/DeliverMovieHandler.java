package ichibyo.functions.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.delivery.Delivery;
import ichibyo.core.delivery.DeliveryRecord;
import ichibyo.core.delivery.MovieDelivered;
import ichibyo.core.edition.Period;
import ichibyo.core.render.RenderPlan;
import ichibyo.functions.Env;
import ichibyo.functions.Invocation;
import ichibyo.functions.Log;
import ichibyo.functions.TransientFailureException;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.family.FamilyDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * deliver-movie: puts the rendered movie and its poster in their place ({@link Delivery#movieKey()},
 * {@link Delivery#posterKey()}), writes the delivery record with a condition that none exists (each family
 * gets each edition's movie of a period once, however often this step or its Express child runs), then
 * puts a {@link MovieDelivered} event (with the delivery id consumers de-duplicate on) on the event bus and
 * marks the record's event sent. A record whose event was not sent (the step died between the two) gets
 * its event now, so no movie lacks its event.
 *
 * <p>Input {@code {family, edition, period, runPrefix, runName, planKey, selection?, render?}}; output a
 * {@link FamilyResult}: {@code DELIVERED} when this run wrote the record, else {@code ALREADY_DELIVERED}.
 * Configuration: {@code MEDIA_BUCKET}, {@code FAMILIES_TABLE}, {@code EVENT_BUS}.
 */
public final class DeliverMovieHandler extends StepHandler<DeliverMovieHandler.DeliverInput, FamilyResult> {
    private final RunStorage storage;
    private final FamilyDirectory families;
    private final EventBridgeClient events;
    private final String bus;
    private final Clock clock;

    public record DeliverInput(Target family, String edition, Period period, String runPrefix, String runName, String planKey,
                               FamilyResult.SelectionView selection, FamilyResult.Rendered render) {}

    public DeliverMovieHandler() {
        this(System.getenv());
        registerForSnapshot();
    }

    @Override
    protected String sampleEvent() {
        return "deliver-movie-fails-nothing-rendered.json";
    }

    public DeliverMovieHandler(Map<String, String> env) {
        this(AwsClients.fromEnvironment(env), env);
    }

    private DeliverMovieHandler(AwsClients aws, Map<String, String> env) {
        this(new RunStorage(aws.s3(), Env.require(env, "MEDIA_BUCKET")), new FamilyDirectory(aws.dynamoDb(), Env.require(env, "FAMILIES_TABLE")),
                AwsClients.eventBridge(), Env.require(env, "EVENT_BUS"), Clock.systemUTC(), env);
    }

    DeliverMovieHandler(RunStorage storage, FamilyDirectory families, EventBridgeClient events, String bus, Clock clock,
            Map<String, String> env) {
        super(DeliverInput.class, "deliver-movie", env);
        this.storage = storage;
        this.families = families;
        this.events = events;
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    protected FamilyResult handle(DeliverInput in) {
        if (in.family() == null || in.edition() == null || in.period() == null) {
            throw new InvalidStepInputException("deliver-movie needs family, edition and period");
        }
        Delivery delivery = new Delivery(in.family().familyId(), in.edition(), in.period());
        Optional<FamilyDirectory.StoredDelivery> stored = families.delivery(delivery);
        boolean wroteNow = false;
        if (stored.isEmpty()) {
            DeliveryRecord record = place(delivery, in);
            wroteNow = families.recordDelivery(record);
            stored = families.delivery(delivery);
            if (stored.isEmpty()) {
                throw new TransientFailureException("the delivery record of " + delivery.recordSk() + " is not readable after its write");
            }
        }
        DeliveryRecord record = stored.get().record();
        if (!stored.get().eventSent()) {
            announce(record);
            families.markEventSent(delivery, clock.instant());
        }
        // This run's own record (written now, or by an attempt of this run that died before answering) is this run's delivery.
        boolean ours = wroteNow || in.runName() != null && in.runName().equals(record.executionName());
        Long millis = in.selection() != null && in.selection().startedAt() != null
                ? Duration.between(in.selection().startedAt(), clock.instant()).toMillis() : null;
        if (wroteNow) {
            Invocation.count("deliver-movie", "MoviesDelivered");
        }
        Log.info(ours ? "movie delivered" : "movie was already delivered", "familyId", record.familyId(), "deliveryId",
                record.deliveryId(), "movieKey", record.movieKey(), "run", record.executionName());
        return new FamilyResult(record.familyId(), ours ? "DELIVERED" : "ALREADY_DELIVERED", null, null, null, record.deliveryId(),
                record.movieKey(), record.posterKey(), millis, FamilyResult.fargateSeconds(in.selection(), in.render()),
                FamilyResult.before(in.selection(), in.render()));
    }

    /** Copies the staged movie and poster to their place; the record that describes them. */
    private DeliveryRecord place(Delivery delivery, DeliverInput in) {
        FamilyResult.Rendered render = in.render();
        if (render == null || render.outputKey() == null) {
            throw new InvalidStepInputException("deliver-movie has no rendered movie for " + delivery.familyId()
                    + " and no delivery record exists");
        }
        copy(render.outputKey(), delivery.movieKey());
        String poster = null;
        if (render.posterKey() != null) {
            copy(render.posterKey(), delivery.posterKey());
            poster = delivery.posterKey();
        }
        String title;
        int moments;
        if (in.selection() != null && in.selection().title() != null && in.selection().moments() != null) {
            title = in.selection().title();
            moments = in.selection().moments();
        } else {
            String planKey = in.planKey() != null ? in.planKey() : delivery.planKey();
            RenderPlan plan = RenderPlan.fromJson(storage.text(planKey)
                    .orElseThrow(() -> new RunDocumentMissingException(storage.bucket(), planKey)));
            title = plan.title();
            moments = plan.clips().size();
        }
        double seconds = render.durationSeconds() == null ? 0 : render.durationSeconds();
        return new DeliveryRecord(delivery.deliveryId(), delivery.familyId(), delivery.edition(), delivery.period(), delivery.movieKey(),
                poster, title, moments, seconds, in.runName(), clock.instant());
    }

    private void copy(String from, String to) {
        try {
            storage.s3().copyObject(r -> r.sourceBucket(storage.bucket()).sourceKey(from).destinationBucket(storage.bucket())
                    .destinationKey(to));
        } catch (NoSuchKeyException e) {
            throw new RunDocumentMissingException(storage.bucket(), from);
        }
    }

    private void announce(DeliveryRecord record) {
        String detail;
        try {
            detail = Json.mapper().writeValueAsString(record.event());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = events.putEvents(r -> r.entries(e -> e.eventBusName(bus).source(MovieDelivered.SOURCE)
                .detailType(MovieDelivered.DETAIL_TYPE).detail(detail)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().getFirst();
            throw new TransientFailureException("MovieDelivered of " + record.deliveryId() + " was not put on " + bus + ": "
                    + entry.errorCode() + " " + entry.errorMessage());
        }
    }
}
