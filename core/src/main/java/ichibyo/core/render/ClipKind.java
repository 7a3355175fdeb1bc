package ichibyo.core.render;

public enum ClipKind {
    PHOTO,
    VIDEO
}
