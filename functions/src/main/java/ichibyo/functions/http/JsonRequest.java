package ichibyo.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * The JSON object body of an HTTP API request (payload 2.0), read strictly: bounded before it is
 * parsed, base64-decoded when API Gateway says so ({@code isBase64Encoded}), one object with no
 * duplicate keys and nothing after it, only the fields the handler knows, each of the exact JSON
 * type asked for (no quoted numbers, no fractions or exponents for integers). Every refusal is a
 * {@link RequestRejectedException} naming the field.
 *
 * <p>The strictness lives on an {@link ObjectReader} of the one mapper ({@link Json}); the mapper's
 * own lenient defaults, which documents written by ichibyo rely on, are left alone.
 */
public final class JsonRequest {
    /** API Gateway's HTTP API refuses larger bodies; no handler needs to accept more. */
    public static final int API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode body;

    private JsonRequest(ObjectNode body) {
        this.body = body;
    }

    /**
     * @param maxBytes the largest body (decoded) this request may have, at most {@link #API_GATEWAY_MAX_BODY_BYTES}
     * @param fields   the fields the request may have; any other is refused
     */
    public static JsonRequest read(APIGatewayV2HTTPEvent event, int maxBytes, Set<String> fields) {
        byte[] bytes = bytes(event, Math.min(maxBytes, API_GATEWAY_MAX_BODY_BYTES));
        if (bytes.length == 0) {
            throw new RequestRejectedException(400, "InvalidRequest", "body", "the body is empty: a JSON object is required");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            if (problem != null && problem.startsWith("Duplicate field")) {
                throw new RequestRejectedException(400, "DuplicateField", "body", "the body has a field twice: " + problem);
            }
            throw new RequestRejectedException(400, "InvalidJson", "body", "the body is not one JSON object: " + problem);
        } catch (java.io.IOException e) {
            throw new RequestRejectedException(400, "InvalidJson", "body", "the body is not one JSON object: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RequestRejectedException(400, "InvalidJson", "body", "the body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new RequestRejectedException(400, "UnknownField", printable(name),
                        printable(name) + " is not a field of this request (fields: " + fields.stream().sorted().toList() + ")");
            }
        }
        return new JsonRequest((ObjectNode) root);
    }

    /** The body as text (base64 decoded if so marked), refused before anything over {@code maxBytes} is decoded. */
    public static String text(APIGatewayV2HTTPEvent event, int maxBytes) {
        return new String(bytes(event, maxBytes), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(APIGatewayV2HTTPEvent event, int maxBytes) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            // 4 characters per 3 bytes: refuse before decoding anything larger than allowed.
            if (body.length() > 4L * ((maxBytes + 2) / 3) + 4) {
                throw tooLarge(maxBytes);
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new RequestRejectedException(400, "InvalidRequest", "body", "the body is marked base64 but is not: " + e.getMessage());
            }
            if (decoded.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return decoded;
        }
        if (body.length() > maxBytes) { // a char is at least one UTF-8 byte
            throw tooLarge(maxBytes);
        }
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return utf8;
    }

    private static RequestRejectedException tooLarge(int maxBytes) {
        return new RequestRejectedException(413, "BodyTooLarge", "body", "the body is over the limit of " + maxBytes + " bytes");
    }

    /** A string field that must be there. */
    public String requiredString(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw new RequestRejectedException(400, "InvalidField", field, field + " must be a string");
        }
        return value.textValue();
    }

    /** An integer field that must be there: a JSON integer, not {@code 10.7}, {@code 1e3} or {@code "12"}. */
    public long requiredInteger(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new RequestRejectedException(400, "InvalidField", field,
                    field + " must be a whole number written as digits (not " + describe(value) + ")");
        }
        return value.longValue();
    }

    private JsonNode required(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new RequestRejectedException(400, "MissingField", field, field + " is required");
        }
        return value;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? "a number out of range" : "a number with a fraction or an exponent";
        }
        return "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Field names are the caller's text: keep them short and printable in messages and logs. */
    private static String printable(String name) {
        String cleaned = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
