package ichibyo.local.runtime.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Answers with the event it got (as JSON in the body) and the route in a header; fails on GET /broken. */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if ("GET /broken".equals(event.get("routeKey"))) {
            throw new IllegalStateException("broken on purpose");
        }
        if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            // Binary in, binary out: the same bytes back.
            return Map.of("statusCode", 200, "headers", Map.of("Content-Type", "application/octet-stream"),
                    "body", event.get("body"), "isBase64Encoded", true);
        }
        try {
            String json = ichibyo.core.Json.mapper().writeValueAsString(event);
            return Map.of("statusCode", 201, "headers", Map.of("Content-Type", "application/json", "X-Route", event.get("routeKey")),
                    "body", json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
