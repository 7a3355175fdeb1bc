package ichibyo.sfn.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.json.Json;
import java.util.ArrayList;
import java.util.List;

/** ResultPath: where a state's result goes in its input (a reference path of field names). */
public final class ResultPaths {
    private ResultPaths() {}

    /** @param path null (discard the result: output is the input), "$" (replace), or a reference path */
    public static JsonNode apply(String path, JsonNode input, JsonNode result) {
        if (path == null) return input;
        if (path.equals("$")) return result;
        List<String> fields = fields(path);
        JsonNode root = input == null || !input.isObject() ? null : input.deepCopy();
        if (root == null) {
            throw new StatesRuntime("Unable to apply ResultPath '" + path + "' to input '" + Json.write(input) + "'");
        }
        ObjectNode node = (ObjectNode) root;
        for (int i = 0; i < fields.size() - 1; i++) {
            JsonNode child = node.get(fields.get(i));
            if (child == null || !child.isObject()) {
                child = Json.object();
                node.set(fields.get(i), child);
            }
            node = (ObjectNode) child;
        }
        node.set(fields.get(fields.size() - 1), result);
        return root;
    }

    public static List<String> fields(String path) {
        if (!path.startsWith("$")) throw new StatesRuntime("Invalid ResultPath '" + path + "'");
        List<String> out = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < path.length() && path.charAt(j) != '.' && path.charAt(j) != '[') j++;
                out.add(path.substring(i + 1, j));
                i = j;
            } else if (c == '[' && i + 1 < path.length() && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
                char q = path.charAt(i + 1);
                int j = path.indexOf(q, i + 2);
                if (j < 0) throw new StatesRuntime("Invalid ResultPath '" + path + "'");
                out.add(path.substring(i + 2, j));
                i = j + 2;
            } else {
                throw new StatesRuntime("Invalid ResultPath '" + path + "'");
            }
        }
        return out;
    }
}
