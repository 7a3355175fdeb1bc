package ichibyo.local.sfn.integration.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code SdkHttpMetadata} and {@code SdkResponseMetadata} members that Step Functions' optimized
 * integrations (Lambda, DynamoDB, SQS, SNS, EventBridge, ECS) add to a service's response.
 */
public final class ResponseMetadata {
    private ResponseMetadata() {}

    /**
     * Adds both members to {@code result}.
     *
     * @param headers    the HTTP response headers (multi-valued)
     * @param statusCode the HTTP status code
     * @param requestId  the service's request id
     */
    public static ObjectNode add(ObjectNode result, Map<String, List<String>> headers, int statusCode, String requestId) {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers);
        all.putIfAbsent("Date", List.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))));
        if (requestId != null) {
            all.putIfAbsent("x-amzn-RequestId", List.of(requestId));
        }
        ObjectNode http = result.putObject("SdkHttpMetadata");
        ObjectNode allHeaders = http.putObject("AllHttpHeaders");
        ObjectNode single = http.putObject("HttpHeaders");
        all.forEach((name, values) -> {
            var array = allHeaders.putArray(name);
            values.forEach(array::add);
            if (!values.isEmpty()) {
                single.put(name, values.getFirst());
            }
        });
        http.put("HttpStatusCode", statusCode);
        ObjectNode response = result.putObject("SdkResponseMetadata");
        response.put("RequestId", requestId);
        return result;
    }

    /** A fresh object with only the two members. */
    public static ObjectNode of(Map<String, List<String>> headers, int statusCode, String requestId) {
        return add(JsonNodeFactory.instance.objectNode(), headers, statusCode, requestId);
    }
}
