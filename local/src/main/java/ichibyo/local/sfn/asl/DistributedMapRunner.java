package ichibyo.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.local.sfn.asl.states.MapState;
import ichibyo.local.sfn.asl.states.StateRun;

/**
 * Runs a Distributed Map: reads the items, starts one child execution per item or batch and gathers
 * their results. The API layer implements it, since children are executions with their own history.
 */
public interface DistributedMapRunner {
    /** @return the Map state's raw result (the array of child outputs, or the ResultWriter's summary) */
    JsonNode run(MapState state, StateRun run, JsonNode effectiveInput) throws InterruptedException;
}
