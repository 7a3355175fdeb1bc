package ichibyo.core.selection;

/** How a suppressed moment duplicates one in the movie. */
public enum DuplicateKind {
    /** The pictures look the same: perceptual hashes within the edition's distance. */
    SIMILAR_PICTURE,
    /** Taken within the edition's seconds of each other: the same moment. */
    SAME_MOMENT
}
