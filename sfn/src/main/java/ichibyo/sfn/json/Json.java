package ichibyo.sfn.json;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one ObjectMapper of the emulator, and conversions between Jackson trees and JSONata's Java values. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Step Functions' payload limit: 256 KiB of UTF-8. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private Json() {}

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int sizeInBytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A JSON value as JSONata sees it: maps, lists, numbers, strings, booleans, and NULL_VALUE for null. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isMissingNode()) return null;
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), toJava(e.getValue()));
                }
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode n : node) list.add(toJava(n));
                return list;
            }
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                if (node.isIntegralNumber() && node.canConvertToLong()) return node.longValue();
                if (node.isIntegralNumber()) return node.bigIntegerValue().doubleValue();
                return node.doubleValue();
            default:
                return Jsonata.NULL_VALUE;
        }
    }

    /** A JSONata result as JSON; numbers with no fraction become integers, as in JavaScript. Null stays null (undefined). */
    public static JsonNode fromJava(Object value) {
        if (value == null) return null;
        if (value == Jsonata.NULL_VALUE) return NODES.nullNode();
        if (value instanceof JsonNode n) return n;
        if (value instanceof String s) return NODES.textNode(s);
        if (value instanceof Boolean b) return NODES.booleanNode(b);
        if (value instanceof Number n) return number(n);
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = object();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                JsonNode v = fromJava(e.getValue());
                if (v != null) o.set(String.valueOf(e.getKey()), v);
            }
            return o;
        }
        if (value instanceof List<?> l) {
            ArrayNode a = array();
            for (Object o : l) {
                JsonNode v = fromJava(o);
                if (v != null) a.add(v);
            }
            return a;
        }
        if (value.getClass().isArray() && value instanceof Object[] arr) return fromJava(List.of(arr));
        // JSONata functions and other non-JSON values are not serialisable: AWS drops them to null/empty.
        return null;
    }

    public static JsonNode number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) return NODES.numberNode(n.longValue());
        if (n instanceof BigInteger bi) return NODES.numberNode(bi);
        BigDecimal d = n instanceof BigDecimal bd ? bd : (Double.isFinite(n.doubleValue()) ? new BigDecimal(n.toString()) : null);
        if (d == null) return NODES.nullNode();
        if (d.signum() == 0) return NODES.numberNode(0L);
        if (d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return NODES.numberNode(d.longValueExact());
        }
        if (n instanceof Double || n instanceof Float) return NODES.numberNode(n.doubleValue());
        return NODES.numberNode(d);
    }

    /** The JSON type name AWS uses in messages: array, object, string, number, boolean, null. */
    public static String typeName(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "null";
        if (node.isArray()) return "array";
        if (node.isObject()) return "object";
        if (node.isTextual()) return "string";
        if (node.isNumber()) return "number";
        if (node.isBoolean()) return "boolean";
        return "null";
    }
}
