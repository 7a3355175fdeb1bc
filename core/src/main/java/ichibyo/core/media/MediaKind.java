package ichibyo.core.media;

public enum MediaKind {
    PHOTO,
    VIDEO,
    /** Sound only (music). */
    AUDIO
}
