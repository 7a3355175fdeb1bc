package ichibyo.sfn.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.Emulator;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.task.TaskFailedException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** RedriveExecution of a parent whose Distributed Map failed reruns only the failed and not-started children, as on AWS. */
class DistributedMapRedriveTest {
    private static final String DEFINITION = """
            {"StartAt": "Fan out", "States": {"Fan out": {"Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Work",
                "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"n.$": "$.n"}, "ResultSelector": {"done.$": "$.n"}, "End": true}}}}}}""";

    @Test
    void redrive_afterADistributedMapFailed_rerunsOnlyTheFailedAndNotStartedChildren() throws Exception {
        Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
        try (Emulator emulator = new Emulator(service -> Optional.of(request -> {
            int n = request.parameters().path("n").asInt();
            int call = calls.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            if (n == 2 && call == 1) throw new TaskFailedException("Flaky.Error", "the first try of item 2 fails");
            return Json.object().put("n", n);
        }))) {
            var failed = emulator.run(DEFINITION, "[{\"n\":1},{\"n\":2},{\"n\":3}]");
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
            // MaxConcurrency 1: item 1 succeeded, item 2 failed, item 3 never started.
            assertThat(calls.get(1).get()).isEqualTo(1);
            assertThat(calls.get(2).get()).isEqualTo(1);
            assertThat(calls).doesNotContainKey(3);

            emulator.call("RedriveExecution", Json.object().put("executionArn", failed.arn()));
            var redriven = emulator.awaitEnd(failed.arn());

            assertThat(redriven.status()).isEqualTo("SUCCEEDED");
            assertThat(Json.write(redriven.output())).isEqualTo("[{\"done\":1},{\"done\":2},{\"done\":3}]");
            assertThat(calls.get(1).get()).as("a child that succeeded does not run again").isEqualTo(1);
            assertThat(calls.get(2).get()).as("the failed child is redriven").isEqualTo(2);
            assertThat(calls.get(3).get()).as("the child not started runs").isEqualTo(1);
            assertThat(redriven.eventTypes()).containsSubsequence("MapRunStarted", "MapRunFailed", "ExecutionRedriven", "MapRunRedriven",
                    "MapRunSucceeded", "ExecutionSucceeded");

            JsonNode runs = emulator.call("ListMapRuns", Json.object().put("executionArn", failed.arn())).path("mapRuns");
            assertThat(runs).hasSize(1);
            String mapRunArn = runs.get(0).path("mapRunArn").asText();
            JsonNode mapRun = emulator.call("DescribeMapRun", Json.object().put("mapRunArn", mapRunArn));
            assertThat(mapRun.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(mapRun.path("redriveCount").asInt()).isEqualTo(1);
            assertThat(mapRun.path("itemCounts").path("succeeded").asInt()).isEqualTo(3);
            assertThat(mapRun.path("itemCounts").path("failed").asInt()).isZero();

            JsonNode children = emulator.call("ListExecutions", Json.object().put("mapRunArn", mapRunArn)).path("executions");
            assertThat(children).hasSize(3);
            assertThat(children).extracting(c -> c.path("redriveCount").asInt()).containsExactlyInAnyOrder(0, 1, 0);
        }
    }
}
