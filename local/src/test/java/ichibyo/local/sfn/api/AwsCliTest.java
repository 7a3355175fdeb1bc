package ichibyo.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.local.sfn.EmulatorFixture;
import ichibyo.sfn.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AWS CLI ({@code aws stepfunctions ...}) works against the emulator unmodified. */
class AwsCliTest {
    private EmulatorFixture emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = new EmulatorFixture();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonNode aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "stepfunctions"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", emulator.server.endpoint(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("The AWS CLI ('aws') is needed for this test: install awscli", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("aws %s: %s", String.join(" ", args), out).isZero();
        return out.isBlank() ? Json.object() : Json.parse(out);
    }

    @Test
    void theCliCreatesRunsAndInspectsAnExecution() throws Exception {
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "Greet", "States": {"Greet": {"Type": "Pass",
                  "Output": {"greeting": "{% 'hello ' & $states.input.who %}"}, "End": true}}}""";
        String machine = aws("create-state-machine", "--name", "cli", "--definition", definition,
                "--role-arn", "arn:aws:iam::123456789012:role/cli").path("stateMachineArn").asText();
        assertThat(machine).endsWith(":stateMachine:cli");

        String execution = aws("start-execution", "--state-machine-arn", machine, "--name", "first", "--input", "{\"who\":\"cli\"}")
                .path("executionArn").asText();
        emulator.awaitEnd(execution, java.time.Duration.ofSeconds(10));
        JsonNode described = aws("describe-execution", "--execution-arn", execution);
        assertThat(described.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.path("output").asText()).isEqualTo("{\"greeting\":\"hello cli\"}");

        JsonNode history = aws("get-execution-history", "--execution-arn", execution);
        List<String> types = new ArrayList<>();
        history.path("events").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");

        JsonNode list = aws("list-executions", "--state-machine-arn", machine);
        assertThat(list.path("executions").get(0).path("name").asText()).isEqualTo("first");
    }
}
