package ichibyo.core.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Public on-demand prices of the services a delivery run uses, in one region, as of a date: a JSON
 * document with defaults in core ({@code ichibyo/core/cost/prices.json}); pass another document's text
 * to {@link #fromJson} for another region or newer prices. Free tiers are left out (an estimate of one
 * run's marginal cost). Every price is per one unit named in the field.
 *
 * @param version                 {@value #CURRENT_VERSION}
 * @param region                  the AWS region the prices are for
 * @param currency                ISO currency code
 * @param asOf                    the date the prices were read
 * @param lambdaGbSecond          Lambda duration, arm64, per GB-second
 * @param lambdaRequest           Lambda, per request
 * @param fargateVcpuHour         Fargate Linux/ARM, on-demand, per vCPU-hour
 * @param fargateGbHour           Fargate Linux/ARM, on-demand, per GB-hour
 * @param fargateSpotVcpuHour     Fargate Spot, per vCPU-hour
 * @param fargateSpotGbHour       Fargate Spot, per GB-hour
 * @param standardTransition      Step Functions Standard, per state transition
 * @param expressRequest          Step Functions Express, per request (execution)
 * @param expressGbSecond         Step Functions Express duration, per GB-second (first tier)
 * @param s3PutRequest            S3 Standard PUT, COPY, POST, LIST, per request
 * @param s3GetRequest            S3 Standard GET and others, per request
 * @param dynamoWriteRequestUnit  DynamoDB on-demand, per write request unit
 * @param dynamoReadRequestUnit   DynamoDB on-demand, per read request unit
 * @param eventBridgeEvent        EventBridge custom event published, per event
 */
public record Prices(int version, String region, String currency, String asOf,
                     double lambdaGbSecond, double lambdaRequest,
                     double fargateVcpuHour, double fargateGbHour, double fargateSpotVcpuHour, double fargateSpotGbHour,
                     double standardTransition, double expressRequest, double expressGbSecond,
                     double s3PutRequest, double s3GetRequest,
                     double dynamoWriteRequestUnit, double dynamoReadRequestUnit,
                     double eventBridgeEvent) {
    public static final int CURRENT_VERSION = 1;
    private static volatile Prices defaults;

    public Prices {
        if (version != CURRENT_VERSION) {
            throw new InvalidPricesException("prices document version " + version + " is not " + CURRENT_VERSION);
        }
        double[] all = {lambdaGbSecond, lambdaRequest, fargateVcpuHour, fargateGbHour, fargateSpotVcpuHour, fargateSpotGbHour,
                standardTransition, expressRequest, expressGbSecond, s3PutRequest, s3GetRequest, dynamoWriteRequestUnit,
                dynamoReadRequestUnit, eventBridgeEvent};
        for (double p : all) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new InvalidPricesException("a price is negative or not a number");
            }
        }
        if (region == null || currency == null || asOf == null) {
            throw new InvalidPricesException("prices need a region, a currency and a date");
        }
    }

    /** The prices that ship in core. */
    public static Prices defaults() {
        Prices p = defaults;
        if (p == null) {
            try (InputStream in = Prices.class.getResourceAsStream("prices.json")) {
                if (in == null) {
                    throw new IllegalStateException("the default prices document is missing from the classpath");
                }
                p = fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = p;
        }
        return p;
    }

    /** @throws InvalidPricesException for text that is not a prices document */
    public static Prices fromJson(String json) {
        try {
            return Json.mapper().readValue(json, Prices.class);
        } catch (JsonProcessingException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof InvalidPricesException invalid) {
                    throw invalid;
                }
            }
            throw new InvalidPricesException("not a prices document: " + e.getOriginalMessage());
        }
    }
}
