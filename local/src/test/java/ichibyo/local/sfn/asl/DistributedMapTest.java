package ichibyo.local.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.local.sfn.EmulatorFixture;
import ichibyo.sfn.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;

/** Distributed Map: items from S3, children as executions with their own history, Map Runs, batching, tolerance, results to S3. */
class DistributedMapTest {
    private static final String DOUBLE = """
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Double",
              "States": {"Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($.n, $.n)"}, "End": true}}}""";

    private EmulatorFixture emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = new EmulatorFixture();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void put(String key, String content) {
        emulator.store.put("bucket", key, content.getBytes(StandardCharsets.UTF_8));
    }

    private DescribeExecutionResponse run(String name, String definition, String input) throws Exception {
        String machine = emulator.createMachine(name, definition);
        String execution = emulator.sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        return emulator.awaitEnd(execution, Duration.ofSeconds(30));
    }

    @Test
    void itemsFromAJsonObjectRunAsChildExecutionsUnderAMapRun() throws Exception {
        put("items.json", "[{\"n\":1},{\"n\":2},{\"n\":3}]");
        DescribeExecutionResponse d = run("json", """
                {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "doubler", "MaxConcurrency": 2,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                    "Parameters": {"Bucket": "bucket", "Key.$": "$.key"}},
                  %s, "End": true}}}""".formatted(DOUBLE), "{\"key\":\"items.json\"}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse("[{\"v\":2},{\"v\":4},{\"v\":6}]"));

        var mapRuns = emulator.sfn.listMapRuns(b -> b.executionArn(d.executionArn())).mapRuns();
        assertThat(mapRuns).hasSize(1);
        String mapRunArn = mapRuns.get(0).mapRunArn();
        assertThat(mapRunArn).contains(":mapRun:json/doubler:");
        DescribeMapRunResponse mapRun = emulator.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertThat(mapRun.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(mapRun.maxConcurrency()).isEqualTo(2);
        assertThat(mapRun.itemCounts().succeeded()).isEqualTo(3);
        assertThat(mapRun.itemCounts().total()).isEqualTo(3);

        var children = emulator.sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
        assertThat(children).hasSize(3).allSatisfy(c -> assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
        assertThat(emulator.history(children.get(0).executionArn())).extracting(HistoryEvent::type)
                .containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                        HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(emulator.history(d.executionArn())).extracting(HistoryEvent::type)
                .containsSubsequence(HistoryEventType.MAP_STATE_ENTERED, HistoryEventType.MAP_RUN_STARTED,
                        HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_EXITED);
    }

    @Test
    void jsonLinesCsvAndObjectListingsAreReadAsItems() throws Exception {
        put("lines.jsonl", "{\"n\":1}\n{\"n\":5}\n");
        DescribeExecutionResponse jsonl = run("jsonl", """
                {"StartAt": "Map", "States": {"Map": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                    "Parameters": {"Bucket": "bucket", "Key": "lines.jsonl"}}, %s, "End": true}}}""".formatted(DOUBLE), "{}");
        assertThat(Json.parse(jsonl.output())).isEqualTo(Json.parse("[{\"v\":2},{\"v\":10}]"));

        put("people.csv", "name,city\nAki,\"Osaka, JP\"\nBen,Lyon\n");
        DescribeExecutionResponse csv = run("csv", """
                {"StartAt": "Map", "States": {"Map": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                    "Parameters": {"Bucket": "bucket", "Key": "people.csv"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "End": true}}}""", "{}");
        assertThat(Json.parse(csv.output())).isEqualTo(Json.parse("[{\"name\":\"Aki\",\"city\":\"Osaka, JP\"},{\"name\":\"Ben\",\"city\":\"Lyon\"}]"));

        put("photos/a.jpg", "aaa");
        put("photos/b.jpg", "bbbb");
        DescribeExecutionResponse listing = run("listing", """
                {"StartAt": "Map", "States": {"Map": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "bucket", "Prefix": "photos/"}},
                  "ItemSelector": {"key.$": "$$.Map.Item.Value.Key", "size.$": "$$.Map.Item.Value.Size"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "End": true}}}""", "{}");
        assertThat(Json.parse(listing.output())).isEqualTo(Json.parse("[{\"key\":\"photos/a.jpg\",\"size\":3},{\"key\":\"photos/b.jpg\",\"size\":4}]"));
    }

    @Test
    void theItemBatcherGroupsItemsWithTheBatchInput() throws Exception {
        DescribeExecutionResponse d = run("batches", """
                {"StartAt": "Map", "States": {"Map": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run": "r1"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Count",
                    "States": {"Count": {"Type": "Pass", "Parameters": {"run.$": "$.BatchInput.run", "count.$": "States.ArrayLength($.Items)"}, "End": true}}},
                  "End": true}}}""", "{\"items\":[1,2,3,4,5]}");
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse(
                "[{\"run\":\"r1\",\"count\":2},{\"run\":\"r1\",\"count\":2},{\"run\":\"r1\",\"count\":1}]"));
    }

    @Test
    void batcherLimitsComeFromPathsToo() throws Exception {
        DescribeExecutionResponse d = run("batchpaths", """
                {"StartAt": "Setup", "States": {
                  "Setup": {"Type": "Pass", "Assign": {"perBatch": "3"}, "Next": "Map"},
                  "Map": {"Type": "Map", "ItemsPath": "$.items", "ItemBatcher": {"MaxItemsPerBatchPath": "$perBatch"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Count",
                    "States": {"Count": {"Type": "Pass", "Parameters": {"count.$": "States.ArrayLength($.Items)"}, "End": true}}},
                  "End": true}}}""", "{\"items\":[1,2,3,4]}");
        assertThat(Json.parse(d.output())).isEqualTo(Json.parse("[{\"count\":3},{\"count\":1}]"));
    }

    private static final String SOME_FAIL = """
            {"StartAt": "Map", "States": {"Map": {"Type": "Map", "ItemsPath": "$.items", %s
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Check", "States": {
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": false, "Next": "Bad"}], "Default": "Good"},
                "Bad": {"Type": "Fail", "Error": "BadItem", "Cause": "not ok"},
                "Good": {"Type": "Succeed"}}},
              "End": true}}}""";
    private static final String TEN_ITEMS_THREE_BAD = "{\"items\":[{\"ok\":true},{\"ok\":false},{\"ok\":true},{\"ok\":false},{\"ok\":true},"
            + "{\"ok\":true},{\"ok\":false},{\"ok\":true},{\"ok\":true},{\"ok\":true}]}";

    @Test
    void failuresWithinTheToleratedCountLetTheMapSucceed() throws Exception {
        DescribeExecutionResponse d = run("tolerant", SOME_FAIL.formatted("\"ToleratedFailureCount\": 3, \"MaxConcurrency\": 1,"), TEN_ITEMS_THREE_BAD);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = Json.parse(d.output());
        assertThat(out.get(1).path("Error").asText()).isEqualTo("BadItem");
    }

    @Test
    void failuresBeyondTheToleratedPercentageFailTheMap() throws Exception {
        DescribeExecutionResponse d = run("strict", SOME_FAIL.formatted("\"ToleratedFailurePercentage\": 20, \"MaxConcurrency\": 1,"), TEN_ITEMS_THREE_BAD);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        String mapRunArn = emulator.sfn.listMapRuns(b -> b.executionArn(d.executionArn())).mapRuns().get(0).mapRunArn();
        assertThat(emulator.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)).status()).isEqualTo(MapRunStatus.FAILED);
    }

    @Test
    void theResultWriterPutsChildResultsAndAManifestInS3() throws Exception {
        DescribeExecutionResponse d = run("writer", """
                {"StartAt": "Map", "States": {"Map": {"Type": "Map", "ItemsPath": "$.items",
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "bucket", "Prefix": "results"}},
                  %s, "End": true}}}""".formatted(DOUBLE), "{\"items\":[{\"n\":1},{\"n\":2}]}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = Json.parse(d.output());
        String manifestKey = out.path("ResultWriterDetails").path("Key").asText();
        assertThat(manifestKey).startsWith("results/").endsWith("/manifest.json");
        JsonNode manifest = Json.parse(new String(emulator.store.get("bucket", manifestKey), StandardCharsets.UTF_8));
        String succeededKey = manifest.path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText();
        JsonNode succeeded = Json.parse(new String(emulator.store.get("bucket", succeededKey), StandardCharsets.UTF_8));
        assertThat(succeeded).hasSize(2);
        assertThat(succeeded.get(0).path("Output").asText()).isEqualTo("{\"v\":2}");
    }
}
