package ichibyo.functions.delivery;

/** A step's input that is not what its state machine sends: a definition bug, never retried. */
public final class InvalidStepInputException extends IllegalArgumentException {
    public InvalidStepInputException(String message) {
        super(message);
    }
}
