package ichibyo.functions.delivery;

import ichibyo.core.cost.Usage;

/**
 * What one Lambda invocation of a step used: reported by every step, counted by the run summary.
 *
 * @param function  the function's name
 * @param millis    its own elapsed time
 * @param memoryMb  its configured memory; 0 when the step did not report it (the summary then takes it
 *                  from its configuration)
 */
public record StepLambda(String function, long millis, int memoryMb) {
    public Usage usage(int fallbackMemoryMb) {
        return Usage.lambda(memoryMb > 0 ? memoryMb : fallbackMemoryMb, millis);
    }
}
