package ichibyo.local.cli;

import ichibyo.core.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ichibyo's own description on the local runtime, and {@code ichibyo-local invoke} with every sample event of {@code events/}. */
class InvokeCommandTest {

    static final ObjectMapper JSON = Json.mapper();

    @TempDir
    static Path data;
    static LocalRuntime runtime;

    @BeforeAll
    static void up() throws Exception {
        runtime = LocalRuntime.start(RuntimeOptions.of(data));
        RuntimeConnection.write(data, runtime.endpoints()); // as 'up' does
    }

    @AfterAll
    static void down() {
        runtime.close();
    }

    /** The sample events named for a function ({@code upload-url-request.json} → {@code upload-url}). */
    static List<Path> sampleEvents() throws Exception {
        Path events = RuntimeOptions.findRepositoryRoot().resolve("events");
        try (Stream<Path> files = Files.list(events)) {
            return files.filter(f -> f.toString().endsWith(".json")).filter(f -> functionFor(f).isPresent()).sorted().toList();
        }
    }

    static Optional<String> functionFor(Path event) {
        String file = event.getFileName().toString();
        return Ichibyo.app().functions().stream().map(Function::name).filter(name -> file.startsWith(name + "-")).findFirst();
    }

    static String invoke(String function, Path event, int expectedStatus) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        int status;
        try {
            status = Main.execute("invoke", function, event.toString(), "--data", data.toString());
        } finally {
            System.setOut(out);
        }
        System.out.println(function + " " + event.getFileName() + " -> " + status + ": " + captured);
        assertThat(status).as(function + " with " + event.getFileName() + ": " + captured).isEqualTo(expectedStatus);
        return captured.toString().trim();
    }

    @Test
    void ichibyoApp_locally_hasExactlyTheDescribedResources() {
        ichibyo.local.runtime.DescribedResources.assertCreated(runtime);
    }

    /**
     * A step that needs an earlier step's output (a render plan, a rendered movie) has a sample event named
     * {@code FUNCTION-fails-WHY.json}: invoked alone it fails, and shows the named error a state machine catches.
     */
    @Test
    void everyFunction_hasASampleEvent_andEachSampleEventInvokesCleanly_orFailsWithANamedError() throws Exception {
        List<Path> events = sampleEvents();
        assertThat(events.stream().map(e -> functionFor(e).orElseThrow()).distinct())
                .containsExactlyInAnyOrderElementsOf(Ichibyo.app().functions().stream().map(Function::name).toList());
        for (Path event : events) {
            boolean fails = event.getFileName().toString().contains("-fails-");
            String response = invoke(functionFor(event).orElseThrow(), event, fails ? 1 : 0);
            JsonNode json = JSON.readTree(response);
            assertThat(json.isObject()).isTrue();
            if (fails) {
                assertThat(json.path("errorType").asText()).as(event.getFileName().toString()).endsWith("Exception");
            }
        }
    }

    @Test
    void uploadUrl_getsItsBucketAndTheLocalS3Endpoint_fromTheEnvironment() throws Exception {
        Path event = sampleEvents().stream().filter(e -> e.getFileName().toString().startsWith("upload-url-")).findFirst().orElseThrow();
        // The sample's caller creates (or, again, updates) the sample family first: only a member gets an upload URL.
        Path family = sampleEvents().stream().filter(e -> e.getFileName().toString().startsWith("families-")).findFirst().orElseThrow();
        assertThat(JSON.readTree(invoke("families", family, 0)).path("statusCode").asInt()).isIn(200, 201);
        JsonNode response = JSON.readTree(invoke("upload-url", event, 0));
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("body").asText()).contains(runtime.endpoints().s3().toString()).contains(Ichibyo.MEDIA_BUCKET);
    }
}
