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
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * A JSON value as JSONata sees it: maps, lists, numbers, strings, booleans, and NULL_VALUE for null.
     * Objects are read-only views that convert a member when it is read: a state's {@code $states} holds its
     * input and the whole context object, and an expression reads a few paths of it.
     */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isMissingNode()) return null;
        switch (node.getNodeType()) {
            case OBJECT:
                return new ObjectView((ObjectNode) node);
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

    /**
     * An object node as a read-only {@code Map}, in the node's member order. JSONata reaches objects only through
     * {@code Map} and builds its results in maps of its own, so nothing writes through a view.
     */
    private static final class ObjectView extends AbstractMap<String, Object> {
        private final ObjectNode node;
        // Each member is converted once, however many expressions of the field read it.
        private Map<String, Object> read;

        ObjectView(ObjectNode node) {
            this.node = node;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) return null;
            Object value = read == null ? null : read.get(name);
            if (value == null) {
                value = toJava(node.get(name));
                if (value != null) {
                    if (read == null) read = new HashMap<>();
                    read.put(name, value);
                }
            }
            return value;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && node.has(name);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<String> names = node.fieldNames();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return names.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            String name = names.next();
                            return new SimpleImmutableEntry<>(name, get(name));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
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
