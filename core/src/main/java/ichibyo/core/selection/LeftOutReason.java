package ichibyo.core.selection;

/** Why an item given to selection was not even a candidate. */
public enum LeftOutReason {
    /** Rejected by scoring. */
    NOT_USABLE,
    /** A kind the edition does not use (photos in the quarterly edition). */
    WRONG_KIND,
    /** Taken in a month outside the period. */
    OUTSIDE_PERIOD,
    /** Another family's item. */
    OTHER_FAMILY,
    /** The same media id twice in the input (merged queries). */
    REPEATED
}
