package ichibyo.core.family.access;

/** The caller is known but does not belong to the family it asked to act for. HTTP 403; nothing is done. */
public final class NotAFamilyMemberException extends RuntimeException {
    private final String familyId;

    public NotAFamilyMemberException(Caller caller, String familyId) {
        super("user " + caller.userId() + " is not a member of family " + familyId);
        this.familyId = familyId;
    }

    public String familyId() {
        return familyId;
    }
}
