package ichibyo.functions.encode;

import ichibyo.core.Json;
import ichibyo.core.encode.ProfileCatalog;
import ichibyo.functions.delivery.StepHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * A step of the encoding workflow: a {@link StepHandler} (JSON in, JSON out with the invocation's usage),
 * SnapStart-ready: {@link #beforeCheckpoint} reads the seed profiles, runs Jackson over the step's own input
 * and presigns a URL (local signing, no connection kept), so a restored function answers warm.
 */
public abstract class EncodeStepHandler<I, O> extends StepHandler<I, O> implements Resource {
    protected final EncodeSteps steps;
    private final Class<I> inputType;
    private final String sampleInput;

    protected EncodeStepHandler(Class<I> inputType, String name, String sampleInput, EncodeSteps steps, Map<String, String> env) {
        super(inputType, name, env);
        this.steps = steps;
        this.inputType = inputType;
        this.sampleInput = sampleInput;
    }

    /** On Lambda: registered for the snapshot. */
    protected void registerForSnapshot() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        ProfileCatalog.seeds();
        try {
            Json.mapper().writeValueAsString(Json.mapper().readValue(sampleInput, inputType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        steps.storage().url("priming/master.mp4", Duration.ofMinutes(1));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: clients read credentials per request
    }
}
