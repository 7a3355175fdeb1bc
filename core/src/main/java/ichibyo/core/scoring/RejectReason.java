package ichibyo.core.scoring;

/** Why a file cannot be scored. Stored on the catalog item; never retried. */
public enum RejectReason {
    /** Zero bytes. */
    EMPTY,
    /** Not a photo or video container ichibyo knows (text, a playlist, a document…). */
    NOT_MEDIA,
    /** A known container whose data ends early or cannot be decoded. */
    TRUNCATED,
    /** Valid media ichibyo does not handle (no video stream, an unknown codec, a decoder that gave up). */
    UNSUPPORTED,
    /** More pixels than the limit: a decompression bomb or a panorama too large to decode safely. */
    TOO_MANY_PIXELS,
    /** A video longer than the limit. */
    TOO_LONG,
    /** A file larger than the limit. */
    TOO_LARGE,
    /**
     * Metadata over its limit ({@link MediaLimits#maxMetadataBytes}): a huge text chunk, ICC profile or
     * EXIF/XMP block, or a compressed chunk that inflates past the limit (a decompression bomb).
     */
    METADATA_TOO_LARGE,
    /**
     * Scoring ran out of memory or stack on this file (a bomb no earlier limit caught). Not retried: the
     * same file would fail the same way, and a retry would hold up the other files of its batch.
     */
    SCORING_FAILED,
    /** An object under {@code originals/{familyId}/} whose name is not {@code {mediaId}.{ext}}. */
    BAD_KEY,
    /** A second original for a media id the family already has under another key (another extension). */
    DUPLICATE_MEDIA_ID
}
