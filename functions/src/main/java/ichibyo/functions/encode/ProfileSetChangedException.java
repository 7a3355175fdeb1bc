package ichibyo.functions.encode;

/** Another writer stored the same profile set version first: worth a retry (with the new latest). */
public final class ProfileSetChangedException extends RuntimeException {
    public ProfileSetChangedException(String message) {
        super(message);
    }
}
