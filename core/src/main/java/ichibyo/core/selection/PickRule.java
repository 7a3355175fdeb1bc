package ichibyo.core.selection;

/** Why a moment is in the movie. */
public enum PickRule {
    /** The best moment of its stretch of the period (taken first, so the movie spans the whole period). */
    SLICE_BEST,
    /** Among the best of what was left, within the edition's photo/video balance. */
    FILL_BY_SCORE,
    /** Among the best of what was left after one kind ran out, beyond the balance (a shorter movie would be worse). */
    FILL_BEYOND_BALANCE
}
