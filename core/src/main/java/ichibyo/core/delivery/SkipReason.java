package ichibyo.core.delivery;

/** Why a family gets no movie of an edition's period. */
public enum SkipReason {
    /** The family asked for no more movies. */
    OPTED_OUT,
    /** The edition is for premium families. */
    NOT_PREMIUM,
    /** The period is not yet due in the family's time zone (a later run delivers it). */
    NOT_DUE,
    /** The family already has this edition's movie of this period. */
    ALREADY_DELIVERED,
    /** Fewer usable items of the edition's kinds in the period than the edition asks for. */
    TOO_LITTLE_MATERIAL
}
