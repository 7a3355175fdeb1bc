package ichibyo.core.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.media.MediaKind;
import ichibyo.core.render.EditionStyle;
import org.junit.jupiter.api.Test;

class EditionsTest {
    @Test
    void defaults_haveTheThreeEditionsOfTheDesign() {
        Editions editions = Editions.defaults();

        Edition quarterly = editions.edition("quarterly");
        assertThat(quarterly.premiumOnly()).isFalse();
        assertThat(quarterly.period()).isEqualTo(PeriodUnit.QUARTER);
        assertThat(quarterly.material()).containsExactly(MediaKind.VIDEO);
        assertThat(quarterly.maxMoments()).isEqualTo(20);
        assertThat(quarterly.minItems()).isEqualTo(10);

        Edition monthly = editions.edition("monthly");
        assertThat(monthly.premiumOnly()).isTrue();
        assertThat(monthly.material()).containsExactly(MediaKind.PHOTO, MediaKind.VIDEO);
        assertThat(monthly.style()).isEqualTo(EditionStyle.MONTHLY);

        Edition yearly = editions.edition("yearly");
        assertThat(yearly.premiumOnly()).isTrue();
        assertThat(yearly.period()).isEqualTo(PeriodUnit.YEAR);
        assertThat(yearly.deliverFromDay()).isEqualTo(2);
        assertThat(yearly.photoZoom()).isGreaterThan(monthly.photoZoom());
    }

    @Test
    void override_replacesTheDefaults_andFillsWhatItLeavesOut() {
        Editions editions = Editions.load("""
                {"version": 1, "editions": [
                  {"id": "weekly-test", "period": "MONTH", "material": ["PHOTO"], "maxMoments": 8, "style": "MONTHLY"}
                ]}""");

        Edition e = editions.edition("weekly-test");
        assertThat(e.minItems()).isEqualTo(10);
        assertThat(e.slices()).isEqualTo(4);
        assertThat(e.nearDuplicates()).isEqualTo(NearDuplicates.DEFAULT);
        assertThatThrownBy(() -> editions.edition("quarterly")).isInstanceOf(UnknownEditionException.class);
        assertThat(Editions.load("  ")).isSameAs(Editions.defaults());
    }

    @Test
    void documentThatBreaksARule_isRefusedWithItsProblem() {
        assertThatThrownBy(() -> Editions.fromJson("""
                {"version": 1, "editions": [{"id": "q", "period": "QUARTER", "material": ["VIDEO"], "maxMoments": 99, "style": "QUARTERLY"}]}"""))
                .isInstanceOf(InvalidEditionsException.class).hasMessageContaining("maxMoments 99");
        assertThatThrownBy(() -> Editions.fromJson("{\"version\": 2, \"editions\": []}"))
                .isInstanceOf(InvalidEditionsException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> Editions.fromJson("not json")).isInstanceOf(InvalidEditionsException.class);
        assertThatThrownBy(() -> Editions.fromJson("""
                {"version": 1, "editions": [{"id": "q", "period": "QUARTER", "material": ["AUDIO"], "maxMoments": 5, "style": "QUARTERLY"}]}"""))
                .isInstanceOf(InvalidEditionsException.class).hasMessageContaining("material");
    }

    @Test
    void document_roundTripsThroughJson() {
        Editions defaults = Editions.defaults();
        assertThat(Editions.fromJson(defaults.toJson())).isEqualTo(defaults);
    }
}
