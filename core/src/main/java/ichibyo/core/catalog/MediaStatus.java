package ichibyo.core.catalog;

/** Whether a catalog item can be used in movies. */
public enum MediaStatus {
    /** Scored: usable. */
    SCORED,
    /** Cannot be used; the item says why. */
    REJECTED
}
