package ichibyo.core.family.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FamilyAccessTest {
    private final Caller haruto = new Caller("haruto");

    @Test
    void requireMember_withTheCallersMembership_returnsIt() {
        Membership m = new Membership("haruto", "tanaka", Role.MEMBER);
        assertThat(FamilyAccess.requireMember(haruto, "tanaka", Optional.of(m))).isEqualTo(m);
    }

    @Test
    void requireMember_withoutMembership_refusesNamingTheFamily() {
        assertThatThrownBy(() -> FamilyAccess.requireMember(haruto, "smith", Optional.empty()))
                .isInstanceOf(NotAFamilyMemberException.class).hasMessageContaining("smith")
                .extracting(e -> ((NotAFamilyMemberException) e).familyId()).isEqualTo("smith");
    }

    @Test
    void requireMember_withAMembershipOfAnotherUserOrFamily_refuses() {
        assertThatThrownBy(() -> FamilyAccess.requireMember(haruto, "smith", Optional.of(new Membership("haruto", "tanaka", Role.OWNER))))
                .isInstanceOf(NotAFamilyMemberException.class);
        assertThatThrownBy(() -> FamilyAccess.requireMember(haruto, "tanaka", Optional.of(new Membership("emma", "tanaka", Role.OWNER))))
                .isInstanceOf(NotAFamilyMemberException.class);
    }

    @Test
    void profileWrite_isAnUpdateForAMember_andACreationAsOwnerForAnyoneElse() {
        assertThat(FamilyAccess.profileWrite(haruto, "tanaka", Optional.of(new Membership("haruto", "tanaka", Role.MEMBER))))
                .isEqualTo(FamilyAccess.ProfileWrite.UPDATE);
        assertThat(FamilyAccess.profileWrite(haruto, "tanaka", Optional.empty())).isEqualTo(FamilyAccess.ProfileWrite.CREATE_AS_OWNER);
        assertThat(Membership.owner(haruto, "tanaka")).isEqualTo(new Membership("haruto", "tanaka", Role.OWNER));
    }

    @Test
    void caller_withoutAUsableSubject_isNotAuthenticated() {
        assertThatThrownBy(() -> new Caller(null)).isInstanceOf(NotAuthenticatedException.class);
        assertThatThrownBy(() -> new Caller("")).isInstanceOf(NotAuthenticatedException.class);
        assertThatThrownBy(() -> new Caller("a b")).isInstanceOf(NotAuthenticatedException.class);
        assertThatThrownBy(() -> new Caller("x".repeat(256))).isInstanceOf(NotAuthenticatedException.class);
        assertThat(new Caller("7d3c5c2e-1b0a-4f5e-9a63-2f1d3e4c5b6a").userId()).hasSize(36);
    }
}
