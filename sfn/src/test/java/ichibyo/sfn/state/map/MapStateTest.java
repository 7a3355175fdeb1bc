package ichibyo.sfn.state.map;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.sfn.Emulator;
import ichibyo.sfn.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inline and Distributed Map: items, ItemSelector with $$.Map.Item, concurrency, ItemReader, ItemBatcher, ResultWriter. */
class MapStateTest {
    private final Emulator emulator = new Emulator();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void map_inline_runsTheProcessorOncePerItemAndKeepsTheOrder() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.xs", "MaxConcurrency": 2, "End": true,
                  "ItemProcessor": {"StartAt": "Add", "States": {"Add": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($.n, 1)"}, "End": true}}}}}}""",
                "{\"xs\":[{\"n\":1},{\"n\":2},{\"n\":3}]}");
        assertThat(ex.output()).isEqualTo(Json.parse("[{\"v\":2},{\"v\":3},{\"v\":4}]"));
        assertThat(ex.eventTypes()).contains("MapStateStarted", "MapIterationStarted", "MapIterationSucceeded", "MapStateSucceeded");
    }

    @Test
    void map_itemSelector_seesTheIndexAndValueOfEachItem() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value"},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "[\"a\",\"b\"]");
        assertThat(ex.output()).isEqualTo(Json.parse("[{\"i\":0,\"v\":\"a\"},{\"i\":1,\"v\":\"b\"}]"));
    }

    @Test
    void map_whoseItemsPathIsNotAnArray_failsWithQueryEvaluationError() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.x", "End": true,
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "{\"x\":1}");
        assertThat(ex.status()).isEqualTo("FAILED");
        assertThat(ex.error()).isEqualTo("States.QueryEvaluationError");
    }

    @Test
    void map_distributed_readsCsvRowsAsObjectsAndBatchesThem() throws Exception {
        emulator.store.put("b", "rows.csv", "id,name\n1,\"a, quoted\"\n2,b\n3,c\n".getBytes(StandardCharsets.UTF_8));
        var ex = emulator.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                    "Parameters": {"Bucket": "b", "Key": "rows.csv"}},
                  "ItemBatcher": {"MaxItemsPerBatch": 2},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P",
                    "States": {"P": {"Type": "Pass", "OutputPath": "$.Items", "End": true}}}}}}""", "{}");
        assertThat(ex.status()).isEqualTo("SUCCEEDED");
        assertThat(ex.output()).isEqualTo(Json.parse("""
                [[{"id":"1","name":"a, quoted"},{"id":"2","name":"b"}],[{"id":"3","name":"c"}]]"""));
        assertThat(ex.eventTypes()).contains("MapRunStarted", "MapRunSucceeded");
    }

    @Test
    void map_distributed_writesResultsAndAManifestWithResultWriter() throws Exception {
        var ex = emulator.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P",
                    "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "[1,2]");
        assertThat(ex.status()).isEqualTo("SUCCEEDED");
        String manifestKey = ex.output().path("ResultWriterDetails").path("Key").asText();
        assertThat(manifestKey).startsWith("runs/").endsWith("/manifest.json");
        var manifest = Json.parse(new String(emulator.store.get("out", manifestKey), StandardCharsets.UTF_8));
        String succeeded = manifest.path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText();
        assertThat(Json.parse(new String(emulator.store.get("out", succeeded), StandardCharsets.UTF_8))).hasSize(2);
    }

    /** S3 that holds what was put before it went down, then fails every call, as a store does past its own retries. */
    private static final class DownStore implements ObjectStore {
        final InMemoryObjectStore objects = new InMemoryObjectStore();
        volatile boolean down;

        private void check() {
            if (down) throw new java.io.UncheckedIOException(new java.net.SocketException("Unexpected end of file from server"));
        }

        @Override public byte[] get(String bucket, String key) { check(); return objects.get(bucket, key); }
        @Override public void put(String bucket, String key, byte[] data) { check(); objects.put(bucket, key, data); }
        @Override public java.util.List<ObjectSummary> list(String bucket, String prefix) { check(); return objects.list(bucket, prefix); }
    }

    @Test
    void map_distributed_whoseStoreFails_failsTheStateWithItemReaderFailed_whichACatchHandles() throws Exception {
        DownStore s3 = new DownStore();
        s3.objects.put("b", "items.json", "[1,2]".getBytes(StandardCharsets.UTF_8));
        s3.down = true;
        try (Emulator down = new Emulator(s3)) {
            String map = """
                    "M": {"Type": "Map", %s
                      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                                     "Parameters": {"Bucket": "b", "Key": "items.json"}},
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P",
                        "States": {"P": {"Type": "Pass", "End": true}}}}""";
            var failed = down.run("{\"StartAt\": \"M\", \"States\": {" + map.formatted("\"End\": true,") + "}}", "{}");
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.error()).isEqualTo("States.ItemReaderFailed");
            assertThat(failed.cause()).contains("s3://b/items.json", "Unexpected end of file from server");

            var caught = down.run("{\"StartAt\": \"M\", \"States\": {" + map.formatted("""
                    "End": true, "Catch": [{"ErrorEquals": ["States.ItemReaderFailed"], "Next": "Record"}],""")
                    + ", \"Record\": {\"Type\": \"Pass\", \"End\": true}}}", "{}");
            assertThat(caught.status()).isEqualTo("SUCCEEDED");
            assertThat(caught.enteredStates()).containsExactly("M", "Record");
        }
    }

    @Test
    void map_distributed_whoseStoreFailsOnWriting_failsItsMapRunWithResultWriterFailed_afterTheChildrenRan() throws Exception {
        DownStore s3 = new DownStore();
        try (Emulator down = new Emulator(s3)) {
            String machine = down.createMachine("""
                    {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}},
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P",
                        "States": {"P": {"Type": "Wait", "Seconds": 1, "End": true}}}}}}""");
            String arn = down.call("StartExecution", Json.object().put("stateMachineArn", machine).put("input", "[1,2]"))
                    .path("executionArn").asText();
            s3.down = true; // while the children wait: the items are read, the results cannot be written
            var ex = down.awaitEnd(arn);
            assertThat(ex.status()).isEqualTo("FAILED");
            assertThat(ex.error()).isEqualTo("States.ResultWriterFailed");
            assertThat(ex.cause()).contains("s3://out/runs/", "Unexpected end of file from server");
            assertThat(ex.eventTypes()).containsSubsequence("MapRunStarted", "MapRunFailed", "ExecutionFailed");
            String mapRunArn = ex.events().stream().filter(e -> e.has("mapRunStartedEventDetails")).findFirst().orElseThrow()
                    .path("mapRunStartedEventDetails").path("mapRunArn").asText();
            assertThat(down.call("DescribeMapRun", Json.object().put("mapRunArn", mapRunArn)).path("status").asText()).isEqualTo("FAILED");
        }
    }

    private static final String MAX_CONCURRENCY_PATH = """
            {"StartAt": "MapState", "States": {"MapState": {"Type": "Map", "ItemsPath": "$.Values", "MaxConcurrencyPath": "$.MaxConcurrencyValue", "End": true,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""";

    @Test
    void maxConcurrencyPath_toAnObjectOrAWord_failsWithRuntimeErrorNamingThePath() throws Exception {
        var ex = emulator.run(MAX_CONCURRENCY_PATH, "{\"MaxConcurrencyValue\": {}, \"Values\": [\"HelloWorld\"]}");
        assertThat(ex.status()).isEqualTo("FAILED");
        assertThat(ex.error()).isEqualTo("States.Runtime");
        assertThat(ex.cause()).isEqualTo("An error occurred while executing the state 'MapState' (entered at the event id #2). "
                + "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: $.MaxConcurrencyValue");
        ex = emulator.run(MAX_CONCURRENCY_PATH, "{\"MaxConcurrencyValue\": \"NoNumber\", \"Values\": [\"HelloWorld\"]}");
        assertThat(ex.cause()).endsWith("The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.MaxConcurrencyValue");
    }

    @Test
    void maxConcurrencyPath_toANegativeNumber_failsWithRuntimeError() throws Exception {
        var ex = emulator.run(MAX_CONCURRENCY_PATH, "{\"MaxConcurrencyValue\": -1, \"Values\": [\"HelloWorld\"]}");
        assertThat(ex.error()).isEqualTo("States.Runtime");
        assertThat(ex.cause()).endsWith("Expected non-negative integer for MaxConcurrency, got '-1' instead.");
    }

    @Test
    void maxConcurrencyPath_toZeroOrANumericString_runsTheItems() throws Exception {
        assertThat(emulator.run(MAX_CONCURRENCY_PATH, "{\"MaxConcurrencyValue\": 0, \"Values\": [1, 2]}").output()).isEqualTo(Json.parse("[1,2]"));
        assertThat(emulator.run(MAX_CONCURRENCY_PATH, "{\"MaxConcurrencyValue\": \"1\", \"Values\": [1, 2]}").output()).isEqualTo(Json.parse("[1,2]"));
    }

    @Test
    void toleratedFailurePaths_outOfRangeOrNotANumber_failWithTheRecordedRuntimeErrors() throws Exception {
        String def = """
                {"StartAt": "MapState", "States": {"MapState": {"Type": "Map", "ItemsPath": "$.Items", "End": true,
                  "ToleratedFailurePercentagePath": "$.Pct", "ToleratedFailureCountPath": "$.Count",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P",
                    "States": {"P": {"Type": "Pass", "End": true}}}}}}""";
        assertThat(emulator.run(def, "{\"Items\": [0], \"Pct\": 100.1, \"Count\": 0}").cause())
                .endsWith("ToleratedFailurePercentage must be between 0 and 100.");
        assertThat(emulator.run(def, "{\"Items\": [0], \"Pct\": \"NoNumber\", \"Count\": 0}").cause())
                .endsWith("The ToleratedFailurePercentagePath field refers to value \"NoNumber\" which is not a valid float: $.Pct");
        assertThat(emulator.run(def, "{\"Items\": [0], \"Pct\": 0, \"Count\": -1}").cause()).endsWith("ToleratedFailureCount cannot be negative.");
        assertThat(emulator.run(def, "{\"Items\": [0], \"Pct\": 0, \"Count\": {}}").cause())
                .endsWith("The ToleratedFailureCountPath field refers to value \"{}\" which is not a valid integer: $.Count");
        assertThat(emulator.run(def, "{\"Items\": [0], \"Pct\": 1.1, \"Count\": 1}").status()).isEqualTo("SUCCEEDED");
    }
}
