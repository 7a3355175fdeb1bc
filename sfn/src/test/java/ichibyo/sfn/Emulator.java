package ichibyo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.backend.StepFunctionsService;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.state.map.InMemoryObjectStore;
import ichibyo.sfn.state.map.ObjectStore;
import ichibyo.sfn.task.TaskRunners;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The service in-process (no HTTP) for the states' tests: create a machine, run it, read what happened. */
public final class Emulator implements AutoCloseable {
    /** An ended (or still running, after the wait) execution. */
    public record Execution(String arn, String status, JsonNode output, String error, String cause, List<JsonNode> events) {
        public List<String> eventTypes() {
            return events.stream().map(e -> e.path("type").asText()).toList();
        }

        public List<String> enteredStates() {
            return events.stream().filter(e -> e.has("stateEnteredEventDetails"))
                    .map(e -> e.get("stateEnteredEventDetails").path("name").asText()).toList();
        }
    }

    private static final AtomicInteger MACHINES = new AtomicInteger();
    public final StepFunctionsService service;
    public final ObjectStore store;

    public Emulator() {
        this(s -> Optional.empty());
    }

    public Emulator(TaskRunners runners) {
        this(runners, new InMemoryObjectStore());
    }

    /** With the Distributed Map's S3 calls going to {@code store}. */
    public Emulator(ObjectStore store) {
        this(s -> Optional.empty(), store);
    }

    private Emulator(TaskRunners runners, ObjectStore store) {
        this.store = store;
        service = new StepFunctionsService(runners, store);
    }

    public JsonNode call(String operation, ObjectNode request) {
        return service.handle(operation, request);
    }

    public String createMachine(String definition) {
        return call("CreateStateMachine", Json.object().put("name", "m" + MACHINES.incrementAndGet()).put("definition", definition)
                .put("roleArn", "arn:aws:iam::123456789012:role/test")).path("stateMachineArn").asText();
    }

    public Execution run(String definition, String input) throws InterruptedException {
        String machine = createMachine(definition);
        String arn = call("StartExecution", Json.object().put("stateMachineArn", machine).put("input", input)).path("executionArn").asText();
        return awaitEnd(arn);
    }

    public Execution awaitEnd(String arn) throws InterruptedException {
        JsonNode d;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            Thread.sleep(5);
            d = call("DescribeExecution", Json.object().put("executionArn", arn));
        } while (d.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline);
        List<JsonNode> events = new ArrayList<>();
        call("GetExecutionHistory", Json.object().put("executionArn", arn).put("maxResults", 1000)).path("events").forEach(events::add);
        return new Execution(arn, d.path("status").asText(), d.has("output") ? Json.parse(d.get("output").asText()) : null,
                d.path("error").asText(null), d.path("cause").asText(null), events);
    }

    @Override
    public void close() {
        service.close();
    }
}
