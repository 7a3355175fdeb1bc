package ichibyo.core.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.Json;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FamilyTest {
    @Test
    void family_defaultsToTokyo_andTakesItsTitleLanguageFromTheName() {
        Family tanaka = Family.of("tanaka", "田中家", true);
        assertThat(tanaka.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(tanaka.isJapanese()).isTrue();
        assertThat(Family.of("smith", "The Smiths", false).isJapanese()).isFalse();
        assertThat(new Family("smith", "The Smiths", false, "America/Los_Angeles", false, "ja").isJapanese()).isTrue();
    }

    @Test
    void invalidRecords_nameTheField() {
        assertThatThrownBy(() -> Family.of("a/b", "x", false)).isInstanceOf(InvalidFamilyException.class)
                .extracting(e -> ((InvalidFamilyException) e).field()).isEqualTo("familyId");
        assertThatThrownBy(() -> Family.of("f", "  ", false)).hasMessageContaining("displayName");
        assertThatThrownBy(() -> Family.of("f", "あ".repeat(41), false)).hasMessageContaining("longer than 40");
        assertThatThrownBy(() -> Family.of("f", "Tanaka\nfamily", false)).hasMessageContaining("control");
        assertThatThrownBy(() -> new Family("f", "x", false, "Mars/Olympus", false, null)).hasMessageContaining("timeZone");
        assertThatThrownBy(() -> new Family("f", "x", false, null, false, "fr")).hasMessageContaining("language");
        assertThat(Family.of("f", "あ".repeat(40), false).displayName()).hasSize(40);
    }

    @Test
    void json_roundTrips_andMissingZoneIsTokyo() throws Exception {
        Family f = Json.mapper().readValue("{\"familyId\":\"tanaka\",\"displayName\":\"田中家\",\"premium\":true}", Family.class);
        assertThat(f.timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(f), Family.class)).isEqualTo(f);
    }
}
