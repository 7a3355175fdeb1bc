package ichibyo.bench.delivery;

import ichibyo.core.delivery.Delivery;
import ichibyo.functions.delivery.DeliverMovieHandler.DeliverInput;
import ichibyo.functions.delivery.FamilyResult;
import ichibyo.functions.delivery.StepHandler;
import ichibyo.functions.delivery.StepLambda;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Bench double of deliver-movie: writes no record and sends no event, answers DELIVERED as the summary reads it. */
public final class NoOpDeliver extends StepHandler<DeliverInput, FamilyResult> {
    public NoOpDeliver(Map<String, String> env) {
        super(DeliverInput.class, "deliver-movie", env);
    }

    @Override
    protected FamilyResult handle(DeliverInput in) {
        Delivery d = new Delivery(in.family().familyId(), in.edition(), in.period());
        List<StepLambda> before = new ArrayList<>();
        if (in.selection() != null && in.selection().lambda() != null) {
            before.add(in.selection().lambda());
        }
        if (in.render() != null && in.render().lambda() != null) {
            before.add(in.render().lambda());
        }
        Long millis = in.selection() != null && in.selection().startedAt() != null
                ? Duration.between(in.selection().startedAt(), Instant.now()).toMillis() : null;
        return new FamilyResult(d.familyId(), "DELIVERED", null, null, null, d.deliveryId(), d.movieKey(), d.posterKey(), millis, null,
                before);
    }

    @Override
    protected String sampleEvent() {
        return "deliver-movie-fails-nothing-rendered.json";
    }
}
