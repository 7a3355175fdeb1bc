package ichibyo.core.cost;

/**
 * Measured use of the billed services: what a run (or one family's movie) consumed. Add usages with
 * {@link #plus}; the factory methods turn a measurement into billed units the way each service rounds.
 */
public record Usage(double lambdaGbSeconds, long lambdaRequests,
                    double fargateVcpuSeconds, double fargateGbSeconds, double fargateSpotVcpuSeconds, double fargateSpotGbSeconds,
                    long standardTransitions, long expressRequests, double expressGbSeconds,
                    long s3Puts, long s3Gets, double dynamoWriteUnits, double dynamoReadUnits, long events) {
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** One Lambda invocation: billed per millisecond of duration at its configured memory. */
    public static Usage lambda(int memoryMb, long durationMillis) {
        return new Usage(memoryMb / 1024.0 * Math.max(1, durationMillis) / 1000.0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** One Fargate task: billed per second with a one-minute minimum, on-demand or Spot. */
    public static Usage fargate(double vcpu, double memoryGb, double seconds, boolean spot) {
        double billed = Math.max(60, Math.ceil(seconds));
        return spot
                ? new Usage(0, 0, 0, 0, vcpu * billed, memoryGb * billed, 0, 0, 0, 0, 0, 0, 0, 0)
                : new Usage(0, 0, vcpu * billed, memoryGb * billed, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** State transitions of Standard workflows (retries count). */
    public static Usage standardTransitions(long transitions) {
        return new Usage(0, 0, 0, 0, 0, 0, transitions, 0, 0, 0, 0, 0, 0, 0);
    }

    /** One Express execution: duration rounded up to 100 ms, memory billed in 64 MB chunks. */
    public static Usage express(long durationMillis, int memoryMb) {
        double seconds = Math.ceil(Math.max(1, durationMillis) / 100.0) / 10.0;
        double gb = Math.ceil(Math.max(1, memoryMb) / 64.0) * 64 / 1024.0;
        return new Usage(0, 0, 0, 0, 0, 0, 0, 1, gb * seconds, 0, 0, 0, 0, 0);
    }

    public static Usage s3(long puts, long gets) {
        return new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, puts, gets, 0, 0, 0);
    }

    public static Usage dynamo(double writeUnits, double readUnits) {
        return new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, writeUnits, readUnits, 0);
    }

    public static Usage events(long count) {
        return new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count);
    }

    public Usage plus(Usage o) {
        return new Usage(lambdaGbSeconds + o.lambdaGbSeconds, lambdaRequests + o.lambdaRequests,
                fargateVcpuSeconds + o.fargateVcpuSeconds, fargateGbSeconds + o.fargateGbSeconds,
                fargateSpotVcpuSeconds + o.fargateSpotVcpuSeconds, fargateSpotGbSeconds + o.fargateSpotGbSeconds,
                standardTransitions + o.standardTransitions, expressRequests + o.expressRequests, expressGbSeconds + o.expressGbSeconds,
                s3Puts + o.s3Puts, s3Gets + o.s3Gets, dynamoWriteUnits + o.dynamoWriteUnits, dynamoReadUnits + o.dynamoReadUnits,
                events + o.events);
    }

    /** This usage {@code times} times (for example one family's usage for every family of a run). */
    public Usage times(double times) {
        return new Usage(lambdaGbSeconds * times, Math.round(lambdaRequests * times), fargateVcpuSeconds * times,
                fargateGbSeconds * times, fargateSpotVcpuSeconds * times, fargateSpotGbSeconds * times,
                Math.round(standardTransitions * times), Math.round(expressRequests * times), expressGbSeconds * times,
                Math.round(s3Puts * times), Math.round(s3Gets * times), dynamoWriteUnits * times, dynamoReadUnits * times,
                Math.round(events * times));
    }
}
