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
    TOO_LARGE
}
