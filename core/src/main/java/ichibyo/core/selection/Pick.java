package ichibyo.core.selection;

import ichibyo.core.media.MediaKind;
import java.time.Instant;

/**
 * One moment chosen for the movie, and why.
 *
 * @param mediaId  the catalog item
 * @param kind     photo or video
 * @param takenAt  when it was taken
 * @param score    its score from scoring (0–1)
 * @param rank     what it was ranked by: the score, plus the edition's face bonus when it has faces
 * @param faces    faces found in it
 * @param slice    the stretch of the period it was taken in (0-based, see {@link Selection#slices()})
 * @param rule     the rule that chose it
 * @param start    videos: where its 1-second moment starts, seconds (scoring's best moment); null for photos
 * @param why      the same in words, for support
 */
public record Pick(String mediaId, MediaKind kind, Instant takenAt, double score, double rank, int faces, int slice,
                   PickRule rule, Double start, String why) {}
