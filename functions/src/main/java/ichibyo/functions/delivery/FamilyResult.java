package ichibyo.functions.delivery;

import ichibyo.core.delivery.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a family's part of a run ends with (deliver-movie, record-failure; the Pass states give the same
 * shape for skipped families): the run summary reads these from the family map's results.
 *
 * @param status         DELIVERED, ALREADY_DELIVERED, SKIPPED, FAILED (TO_FARGATE in the family map: see the large map)
 * @param durationMillis from select-materials' start to delivery or failure; null when unknown
 * @param fargateSeconds a Fargate render's time, when the movie was rendered on Fargate
 * @param lambdas        the Lambda usage of the steps before this one (this one's is in its own {@code lambda})
 */
public record FamilyResult(String familyId, String status, SkipReason reason, String error, String cause, String deliveryId,
                           String movieKey, String posterKey, Long durationMillis, Double fargateSeconds, List<StepLambda> lambdas) {

    /** A selection as deliver and record-failure receive it. */
    public record SelectionView(String planKey, Integer moments, String title, Instant startedAt, StepLambda lambda) {}

    /** The render step's result: RenderMovieHandler's on Lambda, the render task's on Fargate. */
    public record Rendered(String outputKey, String posterKey, Double durationSeconds, Integer width, Integer height, Long bytes,
                           Double renderSeconds, StepLambda lambda) {}

    /**
     * The Lambda usage of select-materials and render-movie. A render on Lambda that does not report its own
     * usage is counted from its render time (the summary takes its memory from configuration); a render on
     * Fargate ({@code selection} is null: the large-plan map) is no Lambda usage.
     */
    static List<StepLambda> before(SelectionView selection, Rendered render) {
        List<StepLambda> lambdas = new ArrayList<>();
        if (selection != null && selection.lambda() != null) {
            lambdas.add(selection.lambda());
        }
        if (selection != null && render != null) {
            if (render.lambda() != null) {
                lambdas.add(render.lambda());
            } else if (render.renderSeconds() != null) {
                lambdas.add(new StepLambda("render-movie", Math.round(render.renderSeconds() * 1000), 0));
            }
        }
        return lambdas;
    }

    static Double fargateSeconds(SelectionView selection, Rendered render) {
        return selection == null && render != null ? render.renderSeconds() : null;
    }
}
