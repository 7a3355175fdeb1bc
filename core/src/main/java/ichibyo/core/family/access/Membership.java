package ichibyo.core.family.access;

import java.util.Objects;

/** A user belongs to a family with a role: an item of the {@code memberships} table. */
public record Membership(String userId, String familyId, Role role) {
    public Membership {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(role, "role");
    }

    /** The caller becomes the owner of the family it creates. */
    public static Membership owner(Caller caller, String familyId) {
        return new Membership(caller.userId(), familyId, Role.OWNER);
    }
}
