package ichibyo.core.selection;

/**
 * A moment left out as a near-duplicate of one in the movie.
 *
 * @param mediaId      the item left out
 * @param duplicateOf  the chosen item it duplicates (ranked higher, or chosen first)
 * @param why          the picture looks the same, or it is the same moment
 * @param hashDistance differing bits of the two perceptual hashes, when both have one
 * @param secondsApart seconds between the two capture times
 */
public record Suppressed(String mediaId, String duplicateOf, DuplicateKind why, Integer hashDistance, double secondsApart) {}
