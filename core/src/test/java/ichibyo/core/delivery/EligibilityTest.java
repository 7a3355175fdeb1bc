package ichibyo.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EligibilityTest {
    private static final Edition QUARTERLY = Editions.defaults().edition("quarterly");
    private static final Edition MONTHLY = Editions.defaults().edition("monthly");
    private static final Period Q4 = Period.quarter(2026, 4);
    private static final Instant AFTER_Q4 = Instant.parse("2027-01-05T00:00:00Z");
    private static final Family TANAKA = Family.of("tanaka", "田中家", false);
    /** 12 videos and 40 photos over the quarter. */
    private static final Map<YearMonth, MaterialCount> COUNTS = Map.of(
            YearMonth.of(2026, 10), new MaterialCount(20, 5),
            YearMonth.of(2026, 12), new MaterialCount(20, 7),
            YearMonth.of(2026, 9), new MaterialCount(0, 100)); // outside the period

    @Test
    void familyWithEnoughVideos_isEligible() {
        Eligibility e = Eligibility.check(TANAKA, QUARTERLY, Q4, COUNTS, false, AFTER_Q4);
        assertThat(e.eligible()).isTrue();
        assertThat(e.reason()).isNull();
        assertThat(e.usable()).isEqualTo(12);
    }

    @Test
    void videosOnlyEdition_countsOnlyVideos() {
        Map<YearMonth, MaterialCount> mostlyPhotos = Map.of(YearMonth.of(2026, 11), new MaterialCount(500, 9));
        Eligibility e = Eligibility.check(TANAKA, QUARTERLY, Q4, mostlyPhotos, false, AFTER_Q4);
        assertThat(e.reason()).isEqualTo(SkipReason.TOO_LITTLE_MATERIAL);
        assertThat(e.usable()).isEqualTo(9);
        assertThat(e.required()).isEqualTo(10);
        assertThat(e.videos()).isEqualTo(9);
        assertThat(e.photos()).isNull();
    }

    @Test
    void optedOutFamily_isSkippedAsOptedOut() {
        assertThat(Eligibility.check(TANAKA.withOptedOut(true), QUARTERLY, Q4, COUNTS, false, AFTER_Q4).reason())
                .isEqualTo(SkipReason.OPTED_OUT);
    }

    @Test
    void premiumEdition_skipsOtherFamiliesAsNotPremium() {
        Period november = Period.month(2026, 11);
        Map<YearMonth, MaterialCount> counts = Map.of(YearMonth.of(2026, 11), new MaterialCount(6, 6));
        assertThat(Eligibility.check(TANAKA, MONTHLY, november, counts, false, AFTER_Q4).reason()).isEqualTo(SkipReason.NOT_PREMIUM);
        Eligibility premium = Eligibility.check(Family.of("tanaka", "田中家", true), MONTHLY, november, counts, false, AFTER_Q4);
        assertThat(premium.eligible()).isTrue();
        assertThat(premium.usable()).isEqualTo(12);
    }

    @Test
    void deliveredFamily_isSkippedAsAlreadyDelivered() {
        assertThat(Eligibility.check(TANAKA, QUARTERLY, Q4, COUNTS, true, AFTER_Q4).reason()).isEqualTo(SkipReason.ALREADY_DELIVERED);
    }

    @Test
    void periodNotOverInTheFamilysZone_isSkippedAsNotDue() {
        Instant tokyoNewYear = Instant.parse("2026-12-31T15:30:00Z");
        assertThat(Eligibility.check(TANAKA, QUARTERLY, Q4, COUNTS, false, tokyoNewYear).eligible()).isTrue();
        assertThat(Eligibility.check(TANAKA.withTimeZone("America/Los_Angeles"), QUARTERLY, Q4, COUNTS, false, tokyoNewYear).reason())
                .isEqualTo(SkipReason.NOT_DUE);
    }
}
