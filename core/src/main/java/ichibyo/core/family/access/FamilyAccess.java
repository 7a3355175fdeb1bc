package ichibyo.core.family.access;

import java.util.Optional;

/**
 * May this caller act for this family? The one decision behind upload-url and every family-facing
 * route. The family named in a request is the caller's claim; only a membership makes it true.
 */
public final class FamilyAccess {
    private FamilyAccess() {}

    /** How {@code POST /families} writes a profile. */
    public enum ProfileWrite {
        /** The caller is a member: the profile is replaced. */
        UPDATE,
        /**
         * The caller is not a member: only a family that does not exist yet may be written, and the
         * caller becomes its owner in the same write. When the family exists, {@link #refuse} says why not.
         */
        CREATE_AS_OWNER
    }

    /**
     * The caller's membership of {@code familyId}, or a refusal.
     *
     * @param found the membership stored for the caller and the family, if any
     * @throws NotAFamilyMemberException when there is none
     */
    public static Membership requireMember(Caller caller, String familyId, Optional<Membership> found) {
        return found.filter(m -> belongs(caller, familyId, m)).orElseThrow(() -> new NotAFamilyMemberException(caller, familyId));
    }

    /** A member updates the family; anyone else may only create it (and own it). */
    public static ProfileWrite profileWrite(Caller caller, String familyId, Optional<Membership> found) {
        return found.filter(m -> belongs(caller, familyId, m)).isPresent() ? ProfileWrite.UPDATE : ProfileWrite.CREATE_AS_OWNER;
    }

    /** A {@link ProfileWrite#CREATE_AS_OWNER} that found the family already there: someone else's family. */
    public static NotAFamilyMemberException refuse(Caller caller, String familyId) {
        return new NotAFamilyMemberException(caller, familyId);
    }

    private static boolean belongs(Caller caller, String familyId, Membership m) {
        return m.userId().equals(caller.userId()) && m.familyId().equals(familyId);
    }
}
