package ichibyo.core.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.Json;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void names_areQuarterMonthAndYear() {
        assertThat(Period.quarter(2026, 4).name()).isEqualTo("2026-Q4");
        assertThat(Period.month(2026, 11).name()).isEqualTo("2026-11");
        assertThat(Period.month(2026, 3).name()).isEqualTo("2026-03");
        assertThat(Period.year(2026).name()).isEqualTo("2026");
    }

    @Test
    void parse_readsEveryNameBack() {
        for (Period p : new Period[] {Period.quarter(2026, 1), Period.month(2026, 12), Period.year(2025)}) {
            assertThat(Period.parse(p.name())).isEqualTo(p);
        }
    }

    @Test
    void parse_refusesWhatIsNoPeriod() {
        for (String bad : new String[] {"2026-Q5", "2026-13", "2026-00", "26", "2026-q4", "", "2026-Q4 ", null}) {
            assertThatThrownBy(() -> Period.parse(bad)).as(bad).isInstanceOf(InvalidPeriodException.class);
        }
    }

    @Test
    void months_areTheCatalogsMonthKeys() {
        assertThat(Period.quarter(2026, 4).months()).containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11), YearMonth.of(2026, 12));
        assertThat(Period.month(2026, 11).months()).containsExactly(YearMonth.of(2026, 11));
        assertThat(Period.year(2026).months()).hasSize(12).startsWith(YearMonth.of(2026, 1)).endsWith(YearMonth.of(2026, 12));
    }

    @Test
    void range_isFromMidnightToMidnightInTheZone() {
        InstantRange tokyo = Period.quarter(2026, 4).range(TOKYO);
        assertThat(tokyo.start()).isEqualTo(Instant.parse("2026-09-30T15:00:00Z"));
        assertThat(tokyo.end()).isEqualTo(Instant.parse("2026-12-31T15:00:00Z"));
        InstantRange la = Period.month(2026, 11).range(LOS_ANGELES);
        // Daylight saving time ends on 1 November 2026 in Los Angeles: -07:00 at the start, -08:00 at the end.
        assertThat(la.start()).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
        assertThat(la.end()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(la.contains(Instant.parse("2026-12-01T07:30:00Z"))).isTrue();
    }

    @Test
    void periodThatJustEnded_dependsOnTheFamilysZone_nearAQuarterBoundary() {
        // 1 October 00:30 in Tokyo is still 30 September in Los Angeles.
        Instant now = Instant.parse("2026-09-30T15:30:00Z");
        Edition quarterly = Editions.defaults().edition("quarterly");

        assertThat(quarterly.periodEndedBy(now, TOKYO)).isEqualTo(Period.quarter(2026, 3));
        assertThat(quarterly.periodEndedBy(now, LOS_ANGELES)).isEqualTo(Period.quarter(2026, 2));
        assertThat(quarterly.isDue(Period.quarter(2026, 3), now, TOKYO)).isTrue();
        assertThat(quarterly.isDue(Period.quarter(2026, 3), now, LOS_ANGELES)).isFalse();
        // Seventeen hours later the quarter has ended in Los Angeles too.
        assertThat(quarterly.periodEndedBy(Instant.parse("2026-10-01T07:00:00Z"), LOS_ANGELES)).isEqualTo(Period.quarter(2026, 3));
    }

    @Test
    void yearlyEdition_isDeliveredFromTheSecondOfJanuary() {
        Edition yearly = Editions.defaults().edition("yearly");
        Instant newYearsDay = Instant.parse("2026-01-01T03:00:00Z"); // 12:00 on 1 January in Tokyo
        Instant secondOfJanuary = Instant.parse("2026-01-01T15:00:00Z"); // 00:00 on 2 January in Tokyo

        assertThat(yearly.periodEndedBy(newYearsDay, TOKYO)).isEqualTo(Period.year(2025));
        assertThat(yearly.isDue(Period.year(2025), newYearsDay, TOKYO)).isFalse();
        assertThat(yearly.dueAt(newYearsDay, TOKYO)).isEqualTo(Period.year(2024));
        assertThat(yearly.dueAt(secondOfJanuary, TOKYO)).isEqualTo(Period.year(2025));
        assertThat(yearly.deliveryDate(Period.year(2025))).hasToString("2026-01-02");
        // In Los Angeles it is still 1 January then.
        assertThat(yearly.dueAt(secondOfJanuary, LOS_ANGELES)).isEqualTo(Period.year(2024));
    }

    @Test
    void monthlyEdition_isDueAsSoonAsTheMonthEnds() {
        Edition monthly = Editions.defaults().edition("monthly");
        assertThat(monthly.dueAt(Instant.parse("2026-11-30T15:00:00Z"), TOKYO)).isEqualTo(Period.month(2026, 11));
        assertThat(monthly.dueAt(Instant.parse("2026-11-30T14:59:59Z"), TOKYO)).isEqualTo(Period.month(2026, 10));
    }

    @Test
    void previousAndNext_crossYears() {
        assertThat(Period.quarter(2026, 1).previous()).isEqualTo(Period.quarter(2025, 4));
        assertThat(Period.month(2026, 12).next()).isEqualTo(Period.month(2027, 1));
        assertThat(Period.year(2026).previous()).isEqualTo(Period.year(2025));
    }

    @Test
    void parsePeriod_ofAnEdition_refusesAnotherUnit() {
        assertThatThrownBy(() -> Editions.defaults().edition("quarterly").parsePeriod("2026-11"))
                .isInstanceOf(InvalidPeriodException.class).hasMessageContaining("quarter");
        assertThat(Editions.defaults().edition("monthly").parsePeriod("2026-11")).isEqualTo(Period.month(2026, 11));
    }

    @Test
    void json_writesThePeriodAsItsName() throws Exception {
        assertThat(Json.mapper().writeValueAsString(Period.quarter(2026, 4))).isEqualTo("\"2026-Q4\"");
        assertThat(Json.mapper().readValue("\"2026-11\"", Period.class)).isEqualTo(Period.month(2026, 11));
    }
}
