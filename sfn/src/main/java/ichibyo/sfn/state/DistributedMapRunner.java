package ichibyo.sfn.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Distributed Map: reads the items, starts one child execution per item or batch and gathers
 * their results. The backend implements it, since children are executions with their own history.
 * The run's state is the Map state ({@code ichibyo.sfn.state.map.MapState}); it is not named here so
 * that this package does not depend on the state types.
 */
public interface DistributedMapRunner {
    /** @return the Map state's raw result (the array of child outputs, or the ResultWriter's summary) */
    JsonNode run(StateRun run, JsonNode effectiveInput) throws InterruptedException;
}
