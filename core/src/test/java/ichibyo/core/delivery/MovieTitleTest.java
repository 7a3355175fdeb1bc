package ichibyo.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import org.junit.jupiter.api.Test;

class MovieTitleTest {
    private static final Family TANAKA = Family.of("tanaka", "田中家", true);
    private static final Family SMITHS = Family.of("smith", "The Smiths", true);

    @Test
    void japaneseTitles_nameTheSeasonMonthOrYear() {
        assertThat(MovieTitle.of(TANAKA, Period.quarter(2026, 4), 40)).isEqualTo("田中家 2026年 秋");
        assertThat(MovieTitle.of(TANAKA, Period.month(2026, 11), 40)).isEqualTo("田中家 2026年11月");
        assertThat(MovieTitle.of(TANAKA, Period.year(2026), 40)).isEqualTo("田中家 2026年");
    }

    @Test
    void quarters_areNamedForTheirSeasonInJapan() {
        assertThat(MovieTitle.japanese(Period.quarter(2026, 1))).isEqualTo("2026年 冬");
        assertThat(MovieTitle.japanese(Period.quarter(2026, 2))).isEqualTo("2026年 春");
        assertThat(MovieTitle.japanese(Period.quarter(2026, 3))).isEqualTo("2026年 夏");
        assertThat(MovieTitle.english(Period.quarter(2026, 1))).isEqualTo("Winter 2026");
    }

    @Test
    void englishTitles_forLatinNames() {
        assertThat(MovieTitle.of(SMITHS, Period.quarter(2026, 4), 40)).isEqualTo("The Smiths · Autumn 2026");
        assertThat(MovieTitle.of(SMITHS, Period.month(2026, 11), 40)).isEqualTo("The Smiths · November 2026");
        assertThat(MovieTitle.of(SMITHS, Period.year(2026), 40)).isEqualTo("The Smiths · 2026");
    }

    @Test
    void longName_isShortened_neverThePeriod() {
        Family long_ = Family.of("f", "The Vanderbilt-Montgomery Family", false);
        String title = MovieTitle.of(long_, Period.month(2026, 11), 40);
        assertThat(title.codePointCount(0, title.length())).isLessThanOrEqualTo(40);
        assertThat(title).startsWith("The Vanderbilt").contains("…").endsWith(" · November 2026");
    }
}
