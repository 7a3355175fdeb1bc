package ichibyo.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.Json;
import ichibyo.core.edition.Period;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private static final Delivery TANAKA_Q4 = new Delivery("tanaka", "quarterly", Period.quarter(2026, 4));

    @Test
    void keys_areUnderTheFamilysMovies() {
        assertThat(TANAKA_Q4.movieKey()).isEqualTo("movies/tanaka/quarterly/2026-Q4.mp4");
        assertThat(TANAKA_Q4.posterKey()).isEqualTo("movies/tanaka/quarterly/2026-Q4.jpg");
        assertThat(TANAKA_Q4.planKey()).isEqualTo("movies/tanaka/quarterly/2026-Q4.plan.json");
        assertThat(TANAKA_Q4.recordSk()).isEqualTo("DELIVERY#quarterly#2026-Q4");
    }

    @Test
    void deliveryId_isTheSameForTheSameDelivery_andDiffersOtherwise() {
        assertThat(TANAKA_Q4.deliveryId()).isEqualTo(new Delivery("tanaka", "quarterly", Period.parse("2026-Q4")).deliveryId());
        assertThat(TANAKA_Q4.deliveryId()).isNotEqualTo(new Delivery("tanaka", "quarterly", Period.quarter(2026, 3)).deliveryId())
                .isNotEqualTo(new Delivery("suzuki", "quarterly", Period.quarter(2026, 4)).deliveryId());
        assertThat(TANAKA_Q4.deliveryId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void record_andItsEvent_carryTheDeliveryId() throws Exception {
        DeliveryRecord record = DeliveryRecord.of(TANAKA_Q4, "田中家 2026年 秋", 20, 15.5, "quarterly-2026-Q4",
                Instant.parse("2027-01-01T00:10:00Z"));
        MovieDelivered event = record.event();
        assertThat(event.deliveryId()).isEqualTo(TANAKA_Q4.deliveryId());
        assertThat(event.movieKey()).isEqualTo(TANAKA_Q4.movieKey());
        String json = Json.mapper().writeValueAsString(event);
        assertThat(json).contains("\"period\":\"2026-Q4\"").contains("\"title\":\"田中家 2026年 秋\"");
        assertThat(Json.mapper().readValue(json, MovieDelivered.class)).isEqualTo(event);
    }

    @Test
    void executionNames_areValidAndDeterministic() {
        assertThat(ExecutionNames.run("quarterly", Period.quarter(2026, 4))).isEqualTo("quarterly-2026-Q4");
        assertThat(ExecutionNames.rerun("yearly", Period.year(2026), 2)).isEqualTo("yearly-2026-r2");
        assertThat(ExecutionNames.family("monthly", Period.month(2026, 11), "tanaka")).isEqualTo("monthly-2026-11-tanaka");
        String longId = "f".repeat(64);
        String name = ExecutionNames.family("quarterly", Period.quarter(2026, 4), longId);
        assertThat(name).hasSize(80).matches("[A-Za-z0-9_-]+").isEqualTo(ExecutionNames.family("quarterly", Period.quarter(2026, 4), longId));
        assertThat(name).isNotEqualTo(ExecutionNames.family("quarterly", Period.quarter(2026, 4), "f".repeat(63) + "g"));
        assertThatThrownBy(() -> ExecutionNames.rerun("q", Period.year(2026), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
