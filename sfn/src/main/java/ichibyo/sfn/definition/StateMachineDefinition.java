package ichibyo.sfn.definition;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.sfn.error.InvalidDefinitionException;
import ichibyo.sfn.json.Json;
import ichibyo.sfn.query.QueryLanguage;
import ichibyo.sfn.state.StatesBlock;

/** A parsed and validated state machine definition. */
public final class StateMachineDefinition {
    private final JsonNode raw;
    private final QueryLanguage language;
    private final StatesBlock block;
    private final Integer timeoutSeconds;

    private StateMachineDefinition(JsonNode raw) {
        this.raw = raw;
        if (!raw.isObject()) throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: The definition must be a JSON object");
        this.language = QueryLanguage.of(raw.hasNonNull("QueryLanguage") ? raw.get("QueryLanguage").asText() : null, QueryLanguage.JSONPath);
        this.block = new StatesBlock(raw, language, "", StateTypes.ALL);
        this.timeoutSeconds = raw.hasNonNull("TimeoutSeconds") ? raw.get("TimeoutSeconds").asInt() : null;
    }

    public JsonNode raw() {
        return raw;
    }

    /** The top-level QueryLanguage (JSONPath when absent). */
    public QueryLanguage language() {
        return language;
    }

    public StatesBlock block() {
        return block;
    }

    /** The execution's TimeoutSeconds, or null. */
    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }

    /** A definition from a parsed tree, e.g. a Distributed Map's ItemProcessor run as child executions. */
    public static StateMachineDefinition of(JsonNode raw) {
        return new StateMachineDefinition(raw);
    }

    /** Parses and validates; a bad definition is an {@link InvalidDefinitionException} with AWS's wording. */
    public static StateMachineDefinition parse(String definition) {
        JsonNode raw;
        try {
            raw = Json.parse(definition);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException("INVALID_JSON_DESCRIPTION: " + e.getMessage());
        }
        return new StateMachineDefinition(raw);
    }
}
