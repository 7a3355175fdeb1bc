package ichibyo.bench.delivery;

import ichibyo.core.delivery.Delivery;
import ichibyo.functions.delivery.SelectMaterialsHandler;
import ichibyo.functions.delivery.SelectMaterialsHandler.FamilyInput;
import ichibyo.functions.delivery.SelectMaterialsHandler.SelectionResult;
import ichibyo.functions.delivery.StepHandler;
import java.time.Instant;
import java.util.Map;

/** Bench double of select-materials: reads nothing, writes nothing, answers SELECTED with the keys the definition reads. */
public final class NoOpSelect extends StepHandler<FamilyInput, SelectionResult> {
    public NoOpSelect(Map<String, String> env) {
        super(FamilyInput.class, "select-materials", env);
    }

    @Override
    protected SelectionResult handle(FamilyInput in) {
        String id = in.family().familyId();
        Delivery d = new Delivery(id, in.edition(), in.period());
        return new SelectionResult(id, SelectMaterialsHandler.Status.SELECTED, null, d.planKey(),
                SelectMaterialsHandler.stagingKey(in.runPrefix(), id), SelectMaterialsHandler.RenderOn.LAMBDA, 20, "bench",
                d.selectionKey(), Instant.now());
    }

    @Override
    protected String sampleEvent() {
        return "select-materials-family.json";
    }
}
