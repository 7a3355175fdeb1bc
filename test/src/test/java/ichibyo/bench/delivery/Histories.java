package ichibyo.bench.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.backend.StepFunctionsService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Execution histories read from the emulator in this JVM (the API's operations, without HTTP). */
final class Histories {
    private final StepFunctionsService sfn;

    Histories(StepFunctionsService sfn) {
        this.sfn = sfn;
    }

    /** State transitions of one execution: its entered states (what Step Functions bills for Standard). */
    long enteredStates(String executionArn) {
        long[] n = {0};
        events(executionArn, e -> {
            if (e.path("type").asText().endsWith("StateEntered")) {
                n[0]++;
            }
        });
        return n[0];
    }

    void events(String executionArn, Consumer<JsonNode> each) {
        String token = null;
        do {
            ObjectNode req = ichibyo.sfn.json.Json.object().put("executionArn", executionArn).put("maxResults", 1000)
                    .put("includeExecutionData", false);
            if (token != null) {
                req.put("nextToken", token);
            }
            JsonNode page = sfn.handle("GetExecutionHistory", req);
            page.path("events").forEach(each);
            token = page.path("nextToken").asText(null);
        } while (token != null);
    }

    List<String> mapRuns(String executionArn) {
        List<String> arns = new ArrayList<>();
        sfn.handle("ListMapRuns", ichibyo.sfn.json.Json.object().put("executionArn", executionArn)).path("mapRuns")
                .forEach(m -> arns.add(m.path("mapRunArn").asText()));
        return arns;
    }

    /** The child executions of a Map Run (executionArn, startDate, stopDate, status). */
    List<JsonNode> children(String mapRunArn) {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        do {
            ObjectNode req = ichibyo.sfn.json.Json.object().put("mapRunArn", mapRunArn).put("maxResults", 1000);
            if (token != null) {
                req.put("nextToken", token);
            }
            JsonNode page = sfn.handle("ListExecutions", req);
            page.path("executions").forEach(all::add);
            token = page.path("nextToken").asText(null);
        } while (token != null);
        return all;
    }
}
