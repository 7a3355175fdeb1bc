package ichibyo.sfn.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.arn.Arn;
import ichibyo.sfn.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** What every operation does with its request and response: required fields, inputs, timestamps, paging. */
final class Requests {
    private Requests() {}

    static String required(ObjectNode req, String field) {
        JsonNode n = req.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.validation("1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
        }
        return n.asText();
    }

    static JsonNode parseInput(String input) {
        if (input.getBytes(StandardCharsets.UTF_8).length > Json.MAX_PAYLOAD_BYTES) {
            throw new ApiException("InvalidExecutionInput", "Input exceeds the maximum size of " + Json.MAX_PAYLOAD_BYTES + " bytes");
        }
        try {
            return Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
    }

    /** Epoch seconds with milliseconds, the AWS JSON protocol's timestamp form. */
    static double epoch(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    /** The InvalidArn error when the text is not a Step Functions ARN at all, else {@code notFound}. */
    static ApiException unknown(String arn, ApiException notFound) {
        if (!Arn.isStepFunctions(arn)) return new ApiException("InvalidArn", "Invalid Arn: '" + arn + "'");
        return notFound;
    }

    /** maxResults/nextToken paging over a list: the token is the next offset. */
    record Page(int from, int to, int total) {
        static Page of(ObjectNode req, int total) {
            int max = req.path("maxResults").asInt(0);
            if (max <= 0) max = 100;
            max = Math.min(max, 1000);
            int from = 0;
            if (req.hasNonNull("nextToken")) {
                try {
                    from = Integer.parseInt(new String(Base64.getDecoder().decode(req.get("nextToken").asText()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new ApiException("InvalidToken", "Invalid Token: '" + req.get("nextToken").asText() + "'");
                }
            }
            from = Math.max(0, Math.min(from, total));
            return new Page(from, Math.min(total, from + max), total);
        }

        void next(ObjectNode out) {
            if (to < total) out.put("nextToken", Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
