package ichibyo.sfn.query;

import ichibyo.sfn.error.InvalidDefinitionException;

/** The {@code QueryLanguage} of a state machine or state. */
public enum QueryLanguage {
    JSONPath,
    JSONata;

    public static QueryLanguage of(String value, QueryLanguage dflt) {
        if (value == null) return dflt;
        return switch (value) {
            case "JSONPath" -> JSONPath;
            case "JSONata" -> JSONata;
            default -> throw new InvalidDefinitionException("SCHEMA_VALIDATION_FAILED: Value is not a valid enum value: " + value + " at /QueryLanguage");
        };
    }
}
