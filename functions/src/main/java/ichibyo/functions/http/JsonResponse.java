package ichibyo.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import java.util.Map;

/** The HTTP API's answers: a status and a body written as JSON with ichibyo's one mapper (UTF-8: names in any script). */
public final class JsonResponse {
    private JsonResponse() {}

    /** A refused request's answer: its status, and {@code error}, {@code field} and {@code message}. */
    public static APIGatewayV2HTTPResponse refused(RequestRejectedException e) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("error", e.error());
        body.put("field", e.field());
        body.put("message", e.getMessage());
        return response(e.status(), body);
    }

    public static APIGatewayV2HTTPResponse response(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json; charset=utf-8"))
                    .withBody(Json.mapper().writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body that is not JSON: " + body.getClass().getName(), e);
        }
    }
}
