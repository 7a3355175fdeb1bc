package ichibyo.core.cost;

/** A prices document that cannot be read or has an impossible price. */
public final class InvalidPricesException extends IllegalArgumentException {
    public InvalidPricesException(String message) {
        super(message);
    }
}
