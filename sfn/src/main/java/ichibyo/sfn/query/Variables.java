package ichibyo.sfn.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflow variables ({@code Assign}) of one scope. A Map iteration or Parallel branch gets a child
 * scope: it reads the outer variables, and what it assigns stays inside it, as AWS scopes them.
 */
public final class Variables {
    private final Variables parent;
    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();

    public Variables(Variables parent) {
        this.parent = parent;
    }

    public Variables child() {
        return new Variables(this);
    }

    /** The value, or null when no scope declares the variable. */
    public JsonNode get(String name) {
        for (Variables v = this; v != null; v = v.parent) {
            JsonNode value = v.values.get(name);
            if (value != null) return value;
        }
        return null;
    }

    /** Assigns all at once, so that expressions of one Assign block see only earlier values. */
    public void assignAll(Map<String, JsonNode> assignments) {
        values.putAll(assignments);
    }

    /** Every visible variable, inner scopes shadowing outer ones. */
    public Map<String, JsonNode> visible() {
        Map<String, JsonNode> all = parent == null ? new LinkedHashMap<>() : parent.visible();
        all.putAll(values);
        return all;
    }
}
