package ichibyo.functions.encode;

import ichibyo.core.encode.ProfileCatalog;
import ichibyo.functions.delivery.StepHandler;
import java.time.Duration;
import java.util.Map;
import org.crac.Resource;

/**
 * A step of the encoding workflow: a {@link StepHandler} (JSON in, JSON out with the invocation's usage),
 * SnapStart-ready: {@link #beforeCheckpoint} primes the step's sample event as every step does, reads the seed
 * profiles and presigns a URL (local signing, no connection kept), so a restored function answers warm.
 */
public abstract class EncodeStepHandler<I, O> extends StepHandler<I, O> {
    protected final EncodeSteps steps;
    private final String sampleEvent;

    /** @param sampleEvent the step's sample input in events/, what the snapshot is primed with */
    protected EncodeStepHandler(Class<I> inputType, String name, String sampleEvent, EncodeSteps steps, Map<String, String> env) {
        super(inputType, name, env);
        this.steps = steps;
        this.sampleEvent = sampleEvent;
    }

    @Override
    protected String sampleEvent() {
        return sampleEvent;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        super.beforeCheckpoint(context);
        ProfileCatalog.seeds();
        steps.storage().url("priming/master.mp4", Duration.ofMinutes(1));
    }
}
