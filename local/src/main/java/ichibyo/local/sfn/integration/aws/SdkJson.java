package ichibyo.local.sfn.integration.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between the PascalCase JSON of Step Functions task parameters and results and the AWS SDK v2 model
 * objects, generically, through the SDK's own model metadata ({@link SdkField}: member names, marshalling
 * types, list and map members). One converter serves every action of every service.
 */
final class SdkJson {
    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper

    /** A parameter the model does not have, or a value of the wrong type. */
    static final class InvalidParameterException extends Exception {
        InvalidParameterException(String message) {
            super(message);
        }
    }

    private SdkJson() {}

    /** Fills a model builder ({@code XRequest.builder()}, or a nested structure's builder) from a JSON object. */
    static Object build(SdkPojo builder, JsonNode json, String path) throws InvalidParameterException {
        if (!json.isObject()) {
            throw new InvalidParameterException("The value of '" + path + "' must be an object.");
        }
        Map<String, SdkField<?>> fields = new HashMap<>();
        for (SdkField<?> field : builder.sdkFields()) {
            fields.put(field.memberName().toLowerCase(Locale.ROOT), field);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            SdkField<?> field = fields.get(entry.getKey().toLowerCase(Locale.ROOT));
            String where = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            if (field == null) {
                throw new InvalidParameterException("The field '" + where + "' is not supported by Step Functions.");
            }
            if (entry.getValue().isNull()) {
                continue;
            }
            field.set(builder, value(field, entry.getValue(), where));
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object value(SdkField<?> field, JsonNode node, String path) throws InvalidParameterException {
        MarshallingType<?> type = field.marshallingType();
        try {
            if (type == MarshallingType.STRING) {
                return node.isValueNode() ? node.asText() : JSON.writeValueAsString(node);
            } else if (type == MarshallingType.INTEGER) {
                return number(node, path).intValueExact();
            } else if (type == MarshallingType.LONG) {
                return number(node, path).longValueExact();
            } else if (type == MarshallingType.SHORT) {
                return number(node, path).shortValueExact();
            } else if (type == MarshallingType.BYTE) {
                return number(node, path).byteValueExact();
            } else if (type == MarshallingType.FLOAT) {
                return number(node, path).floatValue();
            } else if (type == MarshallingType.DOUBLE) {
                return number(node, path).doubleValue();
            } else if (type == MarshallingType.BIG_DECIMAL) {
                return number(node, path);
            } else if (type == MarshallingType.BOOLEAN) {
                if (node.isBoolean() || node.isTextual() && ("true".equals(node.asText()) || "false".equals(node.asText()))) {
                    return node.asBoolean();
                }
                throw new InvalidParameterException("The value of '" + path + "' must be a boolean.");
            } else if (type == MarshallingType.INSTANT) {
                return instant(node, path);
            } else if (type == MarshallingType.SDK_BYTES) {
                if (!node.isTextual()) {
                    throw new InvalidParameterException("The value of '" + path + "' must be a base64-encoded string.");
                }
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.asText()));
            } else if (type == MarshallingType.SDK_POJO) {
                return build(field.constructor().get(), node, path);
            } else if (type == MarshallingType.LIST) {
                if (!node.isArray()) {
                    throw new InvalidParameterException("The value of '" + path + "' must be an array.");
                }
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<Object> list = new ArrayList<>();
                int i = 0;
                for (JsonNode element : node) {
                    list.add(value(member, element, path + "[" + i++ + "]"));
                }
                return list;
            } else if (type == MarshallingType.MAP) {
                if (!node.isObject()) {
                    throw new InvalidParameterException("The value of '" + path + "' must be an object.");
                }
                SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), value(valueField, e.getValue(), path + "." + e.getKey()));
                }
                return map;
            }
        } catch (ArithmeticException e) {
            throw new InvalidParameterException("The value of '" + path + "' is out of range.");
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("The value of '" + path + "' is invalid: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("The value of '" + path + "' cannot be written as JSON.");
        }
        throw new InvalidParameterException("The field '" + path + "' has a type Step Functions does not support here.");
    }

    private static BigDecimal number(JsonNode node, String path) throws InvalidParameterException {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new InvalidParameterException("The value of '" + path + "' must be a number.");
    }

    private static Instant instant(JsonNode node, String path) throws InvalidParameterException {
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
        String text = node.asText();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text));
            } catch (DateTimeParseException e2) {
                throw new InvalidParameterException("The value of '" + path + "' must be a timestamp.");
            }
        }
    }

    /** The JSON of a model object (a response or a nested structure), PascalCase, absent members omitted. */
    static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            JsonNode json = toJson(field, value);
            if (json != null) {
                node.set(field.memberName(), json);
            }
        }
        return node;
    }

    private static JsonNode toJson(SdkField<?> field, Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = f.arrayNode();
            for (Object element : (List<?>) value) {
                JsonNode json = toJson(member, element);
                array.add(json == null ? f.nullNode() : json);
            }
            return array;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            ObjectNode object = f.objectNode();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                JsonNode json = toJson(valueField, e.getValue());
                object.set(String.valueOf(e.getKey()), json == null ? f.nullNode() : json);
            }
            return object;
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value) {
            case SdkPojo pojo -> toJson(pojo);
            case String s -> f.textNode(s);
            case Integer i -> f.numberNode(i);
            case Long l -> f.numberNode(l);
            case Short s -> f.numberNode(s);
            case Byte b -> f.numberNode(b);
            case Float x -> f.numberNode(x);
            case Double d -> f.numberNode(d);
            case BigDecimal d -> f.numberNode(d);
            case Boolean b -> f.booleanNode(b);
            case Instant t -> f.textNode(t.toString());
            case SdkBytes bytes -> f.textNode(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
            default -> f.textNode(String.valueOf(value));
        };
    }
}
