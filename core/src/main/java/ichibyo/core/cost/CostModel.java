package ichibyo.core.cost;

import java.util.ArrayList;
import java.util.List;

/** Estimates what measured usage costs at a set of {@link Prices}. Pure. */
public final class CostModel {
    private final Prices prices;

    public CostModel(Prices prices) {
        this.prices = prices;
    }

    /** With the prices that ship in core. */
    public static CostModel defaults() {
        return new CostModel(Prices.defaults());
    }

    public Prices prices() {
        return prices;
    }

    public CostEstimate estimate(Usage u) {
        Prices p = prices;
        List<CostLine> lines = new ArrayList<>();
        line(lines, "Lambda duration", u.lambdaGbSeconds(), "GB-second", p.lambdaGbSecond());
        line(lines, "Lambda requests", u.lambdaRequests(), "request", p.lambdaRequest());
        line(lines, "Fargate vCPU", u.fargateVcpuSeconds() / 3600, "vCPU-hour", p.fargateVcpuHour());
        line(lines, "Fargate memory", u.fargateGbSeconds() / 3600, "GB-hour", p.fargateGbHour());
        line(lines, "Fargate Spot vCPU", u.fargateSpotVcpuSeconds() / 3600, "vCPU-hour", p.fargateSpotVcpuHour());
        line(lines, "Fargate Spot memory", u.fargateSpotGbSeconds() / 3600, "GB-hour", p.fargateSpotGbHour());
        line(lines, "Step Functions Standard transitions", u.standardTransitions(), "transition", p.standardTransition());
        line(lines, "Step Functions Express requests", u.expressRequests(), "request", p.expressRequest());
        line(lines, "Step Functions Express duration", u.expressGbSeconds(), "GB-second", p.expressGbSecond());
        line(lines, "S3 PUT requests", u.s3Puts(), "request", p.s3PutRequest());
        line(lines, "S3 GET requests", u.s3Gets(), "request", p.s3GetRequest());
        line(lines, "DynamoDB writes", u.dynamoWriteUnits(), "write request unit", p.dynamoWriteRequestUnit());
        line(lines, "DynamoDB reads", u.dynamoReadUnits(), "read request unit", p.dynamoReadRequestUnit());
        line(lines, "EventBridge events", u.events(), "event", p.eventBridgeEvent());
        double total = lines.stream().mapToDouble(CostLine::cost).sum();
        return new CostEstimate(p.region(), p.currency(), p.asOf(), total, List.copyOf(lines));
    }

    private static void line(List<CostLine> lines, String item, double quantity, String unit, double price) {
        if (quantity > 0) {
            lines.add(new CostLine(item, quantity, unit, price, quantity * price));
        }
    }
}
