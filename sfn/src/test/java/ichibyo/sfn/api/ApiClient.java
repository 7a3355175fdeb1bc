package ichibyo.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Step Functions API client over java.net.http, as the SDKs call it: AWS JSON 1.0 with X-Amz-Target. */
final class ApiClient {
    /** An error answer: {@code __type} and {@code message}. */
    static final class ApiError extends RuntimeException {
        final String type;

        ApiError(String type, String message) {
            super(type + ": " + message);
            this.type = type;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    ApiClient(String endpoint) {
        this.endpoint = URI.create(endpoint + "/");
    }

    JsonNode call(String operation, ObjectNode request) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)))
                .build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.parse(response.body());
        if (response.statusCode() != 200) throw new ApiError(body.path("__type").asText(), body.path("message").asText());
        return body;
    }

    /** DescribeExecution until the execution is no longer RUNNING (or the limit passes). */
    JsonNode awaitEnd(String executionArn, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode d = call("DescribeExecution", Json.object().put("executionArn", executionArn));
            if (!d.path("status").asText().equals("RUNNING") || System.nanoTime() > deadline) return d;
            Thread.sleep(10);
        }
    }

    /** Every history event, following nextToken. */
    List<JsonNode> history(String executionArn) throws IOException, InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        String token = null;
        do {
            ObjectNode req = Json.object().put("executionArn", executionArn).put("maxResults", 1000);
            if (token != null) req.put("nextToken", token);
            JsonNode page = call("GetExecutionHistory", req);
            page.path("events").forEach(events::add);
            token = page.path("nextToken").asText(null);
        } while (token != null);
        return events;
    }
}
