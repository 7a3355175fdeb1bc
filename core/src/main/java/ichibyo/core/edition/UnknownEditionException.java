package ichibyo.core.edition;

/** An edition id that the editions document does not have. */
public final class UnknownEditionException extends IllegalArgumentException {
    private final String edition;

    public UnknownEditionException(String edition, java.util.Collection<String> known) {
        super("no edition " + edition + " (known: " + String.join(", ", known) + ")");
        this.edition = edition;
    }

    public String edition() {
        return edition;
    }
}
