package ichibyo.core.family;

/** A family record that breaks a rule (an id, a name, a zone): the caller's mistake, never retried. */
public final class InvalidFamilyException extends IllegalArgumentException {
    private final String field;

    public InvalidFamilyException(String field, String problem) {
        super("family " + field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
