package ichibyo.functions.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Plain JSON-like values (maps, lists, strings, numbers, booleans) to and from DynamoDB's. Nulls are left out. */
public final class AttributeValues {
    private AttributeValues() {}

    public static Map<String, AttributeValue> fromMap(Map<String, Object> map) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            AttributeValue value = from(v);
            if (value != null) {
                out.put(k, value);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static AttributeValue from(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return AttributeValue.fromS(s);
        }
        if (v instanceof Number n) {
            return AttributeValue.fromN(new BigDecimal(n.toString()).toPlainString());
        }
        if (v instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (v instanceof Map<?, ?> m) {
            return AttributeValue.fromM(fromMap((Map<String, Object>) m));
        }
        if (v instanceof List<?> l) {
            List<AttributeValue> values = new ArrayList<>();
            for (Object o : l) {
                AttributeValue value = from(o);
                if (value != null) {
                    values.add(value);
                }
            }
            return AttributeValue.fromL(values);
        }
        throw new IllegalArgumentException("no DynamoDB type for " + v.getClass());
    }

    public static Map<String, Object> toMap(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, to(v)));
        return out;
    }

    static Object to(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return new BigDecimal(v.n());
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasM()) {
            return toMap(v.m());
        }
        if (v.hasL()) {
            return v.l().stream().map(AttributeValues::to).toList();
        }
        return null;
    }
}
