package ichibyo.core.media;

public enum MediaKind {
    PHOTO,
    VIDEO
}
