package ichibyo.core.family.access;

/** The caller is known but is not one of ichibyo's operators, who alone run encodes and change profiles. HTTP 403. */
public final class NotAnOperatorException extends RuntimeException {
    public NotAnOperatorException(Caller caller) {
        super("user " + caller.userId() + " is not in the " + Caller.OPERATORS + " group");
    }
}
