package ichibyo.core.family.access;

/** A member's part in a family. The one who creates a family owns it; others are added as members. */
public enum Role {
    OWNER,
    MEMBER
}
