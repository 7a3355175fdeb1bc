package ichibyo.sfn.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import ichibyo.sfn.error.StatesRuntime;
import ichibyo.sfn.json.Json;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference paths of the JSONPath query language: {@code $...} on the state input, {@code $$...} on the
 * context object, and {@code $name...} on a workflow variable (Jayway JsonPath does the selection).
 */
public final class JsonPaths {
    private static final Configuration CONF = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();
    private static final ConcurrentHashMap<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPaths() {}

    /** The data a path reads: state input, context object and variables. */
    public record Scope(JsonNode input, JsonNode context, Variables variables) {}

    /** Thrown when a path selects nothing; callers word the message for their field as AWS does. */
    public static final class NotFound extends Exception {
        public NotFound(String message) {
            super(message, null, false, false);
        }
    }

    public static boolean isPath(String s) {
        return s != null && s.startsWith("$");
    }

    public static JsonNode select(String path, Scope scope) throws NotFound {
        if (path.startsWith("$$")) return read("$" + path.substring(2), scope.context());
        if (path.length() > 1 && isVariableStart(path.charAt(1))) {
            int end = 1;
            while (end < path.length() && isVariablePart(path.charAt(end))) end++;
            String name = path.substring(1, end);
            JsonNode value = scope.variables() == null ? null : scope.variables().get(name);
            if (value == null) throw new NotFound("Variable '" + name + "' is not defined");
            return read("$" + path.substring(end), value);
        }
        return read(path, scope.input());
    }

    /** Like {@link #select}, but a missing path is the InputPath/OutputPath runtime error AWS reports. */
    public static JsonNode selectOrFail(String path, Scope scope) {
        try {
            return select(path, scope);
        } catch (NotFound e) {
            throw new StatesRuntime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    private static JsonNode read(String path, JsonNode document) throws NotFound {
        if (path.equals("$")) return document;
        JsonPath compiled;
        try {
            compiled = COMPILED.computeIfAbsent(path, JsonPath::compile);
        } catch (InvalidPathException e) {
            throw new StatesRuntime("Invalid path '" + path + "': " + e.getMessage());
        }
        try {
            Object result = compiled.read(document, CONF);
            JsonNode node = result instanceof JsonNode n ? n : Json.MAPPER.valueToTree(result);
            return node == null ? Json.NODES.nullNode() : node;
        } catch (PathNotFoundException e) {
            // An indefinite path (wildcard, slice, filter) that finds nothing selects an empty array.
            if (!compiled.isDefinite()) return Json.array();
            throw new NotFound(e.getMessage());
        } catch (RuntimeException e) {
            throw new NotFound("No results for path: " + path);
        }
    }

    private static boolean isVariableStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isVariablePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
