package ichibyo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.backend.StepFunctionsService;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.state.map.InMemoryObjectStore;
import ichibyo.sfn.state.map.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Not a test: runs a Distributed Map over N items (default 10,000) read from S3 (JSON Lines) with a
 * trivial two-state child, and prints the wall time and state transitions per second. See BENCHMARKS.md.
 */
public final class DistributedMapBenchmark {
    private DistributedMapBenchmark() {}

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        ObjectStore store = new InMemoryObjectStore();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < items; i++) lines.append("{\"n\":").append(i).append("}\n");
        store.put("bench", "items.jsonl", lines.toString().getBytes(StandardCharsets.UTF_8));
        String definition = """
                {"StartAt": "Fan out", "States": {"Fan out": {"Type": "Map", "MaxConcurrency": %d, "Label": "bench",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                    "Parameters": {"Bucket": "bench", "Key": "items.jsonl"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Double",
                    "States": {"Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($.n, $.n)"}, "Next": "Done"},
                               "Done": {"Type": "Succeed"}}},
                  "ResultSelector": {"count.$": "States.ArrayLength($)"}, "End": true}}}""".formatted(concurrency);
        try (StepFunctionsService sfn = new StepFunctionsService(s -> Optional.empty(), store)) {
            String machine = sfn.handle("CreateStateMachine", Json.object().put("name", "bench").put("definition", definition)
                    .put("roleArn", "arn:aws:iam::123456789012:role/bench")).path("stateMachineArn").asText();
            long start = System.nanoTime();
            String execution = sfn.handle("StartExecution", Json.object().put("stateMachineArn", machine).put("input", "{}"))
                    .path("executionArn").asText();
            JsonNode d;
            while (true) {
                d = sfn.handle("DescribeExecution", Json.object().put("executionArn", execution));
                if (!d.path("status").asText().equals("RUNNING")) break;
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long transitions = enteredStates(sfn, execution);
            ObjectNode list = Json.object().put("executionArn", execution);
            String mapRun = sfn.handle("ListMapRuns", list).path("mapRuns").get(0).path("mapRunArn").asText();
            JsonNode counts = sfn.handle("DescribeMapRun", Json.object().put("mapRunArn", mapRun)).path("itemCounts");
            transitions += counts.path("succeeded").asLong() * 2; // each child enters Double and Done
            System.out.printf("status=%s output=%s%n", d.path("status").asText(), d.path("output").asText(d.path("cause").asText()));
            System.out.printf("items=%d maxConcurrency=%d seconds=%.2f child executions/s=%.0f state transitions=%d transitions/s=%.0f%n",
                    items, concurrency, seconds, counts.path("succeeded").asLong() / seconds, transitions, transitions / seconds);
        }
    }

    private static long enteredStates(StepFunctionsService sfn, String execution) {
        long n = 0;
        for (JsonNode e : sfn.handle("GetExecutionHistory", Json.object().put("executionArn", execution).put("maxResults", 1000)).path("events")) {
            if (e.path("type").asText().endsWith("StateEntered")) n++;
        }
        return n;
    }
}
