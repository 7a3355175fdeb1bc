package ichibyo.sfn.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a data directory, state machines and executions survive a restart, and open executions resume. */
class PersistenceTest {
    private static final String DEFINITION = """
            {"StartAt": "Remember", "States": {
              "Remember": {"Type": "Pass", "Assign": {"seen": "yes"}, "Result": "first", "ResultPath": "$.step", "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 2, "Next": "Finish"},
              "Finish": {"Type": "Pass", "Parameters": {"step.$": "$.step", "seen.$": "$seen"}, "End": true}}}""";

    @TempDir
    Path data;

    private static JsonNode call(StepFunctionsService s, String op, String json) {
        return s.handle(op, (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(json));
    }

    private static JsonNode awaitEnd(StepFunctionsService s, String arn) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            JsonNode d = call(s, "DescribeExecution", "{\"executionArn\":\"" + arn + "\"}");
            if (!d.path("status").asText().equals("RUNNING")) return d;
            Thread.sleep(20);
        }
        throw new AssertionError("still running: " + arn);
    }

    @Test
    void anOpenExecutionResumesAfterARestartAndKeepsItsHistory() throws Exception {
        String machine;
        String running;
        String finished;
        try (StepFunctionsService first = new StepFunctionsService(s -> Optional.empty(), null, data)) {
            machine = call(first, "CreateStateMachine", Json.write(Json.object().put("name", "durable").put("definition", DEFINITION)))
                    .path("stateMachineArn").asText();
            finished = call(first, "StartExecution", "{\"stateMachineArn\":\"" + machine + "\",\"name\":\"done\"}").path("executionArn").asText();
            assertThat(awaitEnd(first, finished).path("status").asText()).isEqualTo("SUCCEEDED");
            running = call(first, "StartExecution", "{\"stateMachineArn\":\"" + machine + "\",\"name\":\"open\"}").path("executionArn").asText();
            Thread.sleep(300); // inside the Wait state
        }
        try (StepFunctionsService second = new StepFunctionsService(s -> Optional.empty(), null, data)) {
            assertThat(call(second, "DescribeStateMachine", "{\"stateMachineArn\":\"" + machine + "\"}").path("definition").asText())
                    .isEqualTo(DEFINITION);
            assertThat(call(second, "DescribeExecution", "{\"executionArn\":\"" + finished + "\"}").path("status").asText()).isEqualTo("SUCCEEDED");
            JsonNode resumed = awaitEnd(second, running);
            assertThat(resumed.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(Json.parse(resumed.path("output").asText())).isEqualTo(Json.parse("{\"step\":\"first\",\"seen\":\"yes\"}"));
            List<String> types = new ArrayList<>();
            for (JsonNode e : call(second, "GetExecutionHistory", "{\"executionArn\":\"" + running + "\"}").path("events")) {
                types.add(e.path("type").asText());
            }
            assertThat(types).startsWith("ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered");
            assertThat(types).endsWith("PassStateEntered", "PassStateExited", "ExecutionSucceeded");
            assertThat(types).filteredOn("ExecutionStarted"::equals).hasSize(1);
        }
    }
}
