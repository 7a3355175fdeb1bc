package ichibyo.bench.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.Ichibyo;
import ichibyo.core.Json;
import ichibyo.core.edition.Period;
import ichibyo.local.runtime.LocalRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Starting a delivery run the way its schedule does (start-delivery-run) and waiting for it. */
final class Runs {
    private Runs() {}

    record Finished(String startArn, String runArn, Instant started, DescribeExecutionResponse run) {
        Duration wall() {
            return Duration.between(started, run.stopDate());
        }

        JsonNode summary() {
            try {
                return Json.mapper().readTree(run.output());
            } catch (Exception e) {
                throw new IllegalStateException("run output is not JSON: " + run.output(), e);
            }
        }
    }

    static Finished deliver(LocalRuntime runtime, String edition, Period period, Duration deadline) throws Exception {
        String input = Json.mapper().writeValueAsString(Map.of("edition", edition, "period", period.name()));
        Instant started = Instant.now();
        String startArn = runtime.sfn().startExecution(r -> r.stateMachineArn(runtime.names().stateMachineArn(Ichibyo.START_DELIVERY_RUN))
                .input(input)).executionArn();
        DescribeExecutionResponse start = await(runtime, startArn, deadline);
        if (start.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("start-delivery-run " + start.status() + ": " + start.error() + " " + start.cause());
        }
        JsonNode out = Json.mapper().readTree(start.output());
        if (!out.path("started").asBoolean()) {
            throw new IllegalStateException("no run started: " + out);
        }
        String runArn = out.path("executionArn").asText();
        DescribeExecutionResponse run = await(runtime, runArn, deadline);
        if (run.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("delivery-run " + run.status() + ": " + run.error() + " " + run.cause());
        }
        return new Finished(startArn, runArn, started, run);
    }

    static DescribeExecutionResponse await(LocalRuntime runtime, String arn, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            DescribeExecutionResponse r = runtime.sfn().describeExecution(d -> d.executionArn(arn));
            if (r.status() != ExecutionStatus.RUNNING) {
                return r;
            }
            // The run's times come from its history and stopDate, not from this poll; a slow poll keeps the
            // harness's own requests (each an SDK call, HTTP and a describe in the emulator) off the cores it measures.
            Thread.sleep(1000);
        }
        throw new IllegalStateException(arn + " did not end within " + deadline);
    }
}
