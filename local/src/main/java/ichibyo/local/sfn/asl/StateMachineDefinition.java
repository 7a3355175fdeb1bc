package ichibyo.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.local.sfn.asl.states.StatesBlock;

/** A parsed and validated state machine definition. */
public final class StateMachineDefinition {
    public final JsonNode raw;
    public final QueryLanguage language;
    public final StatesBlock block;
    public final Integer timeoutSeconds;

    private StateMachineDefinition(JsonNode raw) {
        this.raw = raw;
        if (!raw.isObject()) throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: The definition must be a JSON object");
        this.language = QueryLanguage.of(raw.hasNonNull("QueryLanguage") ? raw.get("QueryLanguage").asText() : null, QueryLanguage.JSONPath);
        this.block = new StatesBlock(raw, language, "");
        this.timeoutSeconds = raw.hasNonNull("TimeoutSeconds") ? raw.get("TimeoutSeconds").asInt() : null;
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
