package ichibyo.sfn.error;

/** A state machine definition that AWS would refuse with {@code InvalidDefinition}. */
public final class InvalidDefinitionException extends RuntimeException {
    public InvalidDefinitionException(String message) {
        super(message);
    }
}
