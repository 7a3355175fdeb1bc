package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.state.TaskTokens;

/** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat for {@code .waitForTaskToken} tasks. */
final class TaskTokenOperations {
    private final TaskTokens tokens;

    TaskTokenOperations(TaskTokens tokens) {
        this.tokens = tokens;
    }

    JsonNode success(ObjectNode req) {
        String token = Requests.required(req, "taskToken");
        String output = Requests.required(req, "output");
        JsonNode value;
        try {
            value = Json.parse(output);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidOutput", "Invalid Output: '" + output + "'");
        }
        if (!tokens.succeed(token, value)) throw taskDoesNotExist(token);
        return Json.object();
    }

    JsonNode failure(ObjectNode req) {
        String token = Requests.required(req, "taskToken");
        if (!tokens.fail(token, req.path("error").asText(null), req.path("cause").asText(null))) throw taskDoesNotExist(token);
        return Json.object();
    }

    JsonNode heartbeat(ObjectNode req) {
        String token = Requests.required(req, "taskToken");
        if (!tokens.heartbeat(token)) throw taskDoesNotExist(token);
        return Json.object();
    }

    private static ApiException taskDoesNotExist(String token) {
        if (token.length() < 1 || token.length() > 2048) return new ApiException("InvalidToken", "Invalid Token: '" + token + "'");
        return new ApiException("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
    }
}
