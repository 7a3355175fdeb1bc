package ichibyo.core.edition;

/**
 * When two moments count as the same one, so only the better is kept.
 *
 * @param maxHashDistance   pictures whose perceptual hashes differ in at most this many of 64 bits
 *                          look the same (a resized or re-sent copy, a burst); 0 turns the check off
 * @param sameMomentSeconds moments taken at most this many seconds apart are the same moment
 *                          (a burst, two phones at one event); 0 turns the check off
 */
public record NearDuplicates(int maxHashDistance, double sameMomentSeconds) {
    public static final NearDuplicates DEFAULT = new NearDuplicates(10, 5);

    public NearDuplicates {
        if (maxHashDistance < 0 || maxHashDistance > 32) {
            throw new InvalidEditionsException("nearDuplicates.maxHashDistance " + maxHashDistance + " is outside 0–32");
        }
        if (!(sameMomentSeconds >= 0) || sameMomentSeconds > 86400) {
            throw new InvalidEditionsException("nearDuplicates.sameMomentSeconds " + sameMomentSeconds + " is outside 0–86400");
        }
    }
}
