package ichibyo.core.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.catalog.MediaItem;
import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import ichibyo.core.media.MediaKind;
import ichibyo.core.render.ClipKind;
import ichibyo.core.render.RenderPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaterialSelectorTest {
    private static final Family FAMILY = Family.of("fam", "田中家", true);
    private static final Edition QUARTERLY = Editions.defaults().edition("quarterly");
    private static final Edition MONTHLY = Editions.defaults().edition("monthly");
    private static final Period Q4 = Period.quarter(2026, 4);
    private static final Period NOVEMBER = Period.month(2026, 11);

    /** 30 good videos on one afternoon (every 10 minutes), and 5 weaker ones on other days of the quarter. */
    private static List<MediaItem> clusteredQuarter() {
        List<MediaItem> items = new ArrayList<>();
        Instant afternoon = Instant.parse("2026-11-14T05:00:00Z");
        for (int i = 0; i < 30; i++) {
            items.add(Items.video("party-" + i, afternoon.plus(Duration.ofMinutes(10L * i)), 0.80 + i * 0.003));
        }
        for (String day : List.of("2026-10-03", "2026-10-20", "2026-11-28", "2026-12-10", "2026-12-29")) {
            items.add(Items.video("day-" + day, Instant.parse(day + "T03:00:00Z"), 0.5));
        }
        return items;
    }

    @Test
    void mediaClusteredOnOneDay_giveASelectionSpreadAcrossThePeriod() {
        Selection s = MaterialSelector.select(FAMILY, QUARTERLY, Q4, clusteredQuarter());

        assertThat(s.picks()).hasSize(20);
        // Every other day's best is in, although each scores below all of the party's videos.
        assertThat(s.picks()).extracting(Pick::mediaId).filteredOn(id -> id.startsWith("day-")).hasSize(5);
        assertThat(s.picks()).filteredOn(p -> p.mediaId().startsWith("day-")).allMatch(p -> p.rule() == PickRule.SLICE_BEST);
        assertThat(s.picks().stream().map(Pick::slice).distinct().count()).isGreaterThanOrEqualTo(6);
        assertThat(s.picks().getFirst().takenAt()).isEqualTo(Instant.parse("2026-10-03T03:00:00Z"));
        assertThat(s.picks().getLast().takenAt()).isEqualTo(Instant.parse("2026-12-29T03:00:00Z"));
        // The party's best is its slice's best; the rest is filled by score: the party's next best 14.
        assertThat(s.picks()).filteredOn(p -> p.mediaId().startsWith("party-")).extracting(Pick::mediaId)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(15, 30).mapToObj(i -> "party-" + i).toList());
        assertThat(s.picks()).filteredOn(p -> p.rule() == PickRule.FILL_BY_SCORE).hasSize(14);
    }

    @Test
    void picks_areInTheOrderTheyWereTaken() {
        Selection s = MaterialSelector.select(FAMILY, QUARTERLY, Q4, clusteredQuarter());
        List<Instant> times = s.picks().stream().map(Pick::takenAt).toList();
        assertThat(times).isSorted();
    }

    @Test
    void nearDuplicates_areSuppressed_andRecordedWithWhatTheyDuplicate() {
        MediaItem best = Items.video("best", Instant.parse("2026-11-02T03:00:00Z"), 0.9);
        MediaItem copy = Items.withHash(Items.video("copy", Instant.parse("2026-12-20T03:00:00Z"), 0.85), Items.near(best.perceptualHash(), 3));
        MediaItem burst = Items.video("burst", Instant.parse("2026-11-02T03:00:02Z"), 0.8);
        List<MediaItem> items = new ArrayList<>(List.of(best, copy, burst));
        for (int i = 0; i < 8; i++) {
            items.add(Items.video("other-" + i, Instant.parse("2026-10-05T03:00:00Z").plus(Duration.ofDays(9L * i)), 0.4));
        }

        Selection s = MaterialSelector.select(FAMILY, QUARTERLY, Q4, items);

        assertThat(s.picks()).extracting(Pick::mediaId).contains("best").doesNotContain("copy", "burst");
        assertThat(s.suppressed()).containsExactlyInAnyOrder(
                new Suppressed("copy", "best", DuplicateKind.SIMILAR_PICTURE, 3, Duration.ofDays(48).toSeconds()),
                new Suppressed("burst", "best", DuplicateKind.SAME_MOMENT, s.suppressed().stream()
                        .filter(x -> x.mediaId().equals("burst")).findFirst().orElseThrow().hashDistance(), 2.0));
    }

    @Test
    void videosOnlyEdition_hasNoPhotos() {
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant at = Instant.parse("2026-10-01T03:00:00Z").plus(Duration.ofHours(50L * i));
            items.add(i % 2 == 0 ? Items.photo("p" + i, at, 0.95) : Items.video("v" + i, at, 0.3));
        }
        Selection s = MaterialSelector.select(FAMILY, QUARTERLY, Q4, items);
        assertThat(s.picks()).isNotEmpty().allMatch(p -> p.kind() == MediaKind.VIDEO);
        assertThat(s.leftOut()).containsEntry(LeftOutReason.WRONG_KIND, 20);
    }

    @Test
    void manyVideos_giveAtMostTwenty() {
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(Items.video("v" + i, Instant.parse("2026-10-01T00:00:00Z").plus(Duration.ofMinutes(420L * i)), (i % 97) / 100.0));
        }
        Selection s = MaterialSelector.select(FAMILY, QUARTERLY, Q4, items);
        assertThat(s.picks()).hasSize(20);
        assertThat(s.candidates()).isEqualTo(300);
    }

    @Test
    void sameInputsInAnyOrder_giveTheSamePlan() {
        List<MediaItem> items = clusteredQuarter();
        List<MediaItem> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(7));

        String first = plan(MaterialSelector.select(FAMILY, QUARTERLY, Q4, items), items).toJson();
        String second = plan(MaterialSelector.select(FAMILY, QUARTERLY, Q4, shuffled), shuffled).toJson();

        assertThat(second).isEqualTo(first);
        assertThat(MaterialSelector.select(FAMILY, QUARTERLY, Q4, shuffled).toJson())
                .isEqualTo(MaterialSelector.select(FAMILY, QUARTERLY, Q4, items).toJson());
    }

    @Test
    void everyPick_saysWhyItWasChosen() {
        Selection s = MaterialSelector.select(FAMILY, QUARTERLY, Q4, clusteredQuarter());
        assertThat(s.picks()).allSatisfy(p -> {
            assertThat(p.rule()).isNotNull();
            assertThat(p.why()).contains("score").contains("slice");
        });
        Pick october = s.picks().getFirst();
        assertThat(october.why()).startsWith("the best of slice 1 of 12 (from 2026-10-01)");
        assertThat(s.slices()).hasSize(12);
        assertThat(s.slices().stream().mapToInt(Slice::picked).sum()).isEqualTo(20);
    }

    @Test
    void mixedEdition_keepsItsPhotoVideoBalance_andFillsWithTheOtherKindWhenOneRunsOut() {
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant at = Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofMinutes(1000L * i));
            items.add(Items.photo("p" + i, at, 0.9));
            items.add(Items.video("v" + i, at.plusSeconds(600), 0.5));
        }
        Selection balanced = MaterialSelector.select(FAMILY, MONTHLY, NOVEMBER, items);
        assertThat(balanced.picks()).hasSize(30);
        assertThat(balanced.picks()).filteredOn(p -> p.kind() == MediaKind.VIDEO).hasSize(15);

        List<MediaItem> fewVideos = items.stream().filter(i -> i.kind().equals("PHOTO") || i.mediaId().matches("v[0-2]")).toList();
        Selection filled = MaterialSelector.select(FAMILY, MONTHLY, NOVEMBER, fewVideos);
        assertThat(filled.picks()).hasSize(30);
        assertThat(filled.picks()).filteredOn(p -> p.kind() == MediaKind.VIDEO).hasSize(3);
        assertThat(filled.picks()).anyMatch(p -> p.rule() == PickRule.FILL_BEYOND_BALANCE);
    }

    @Test
    void faces_arePreferredAtEqualScores() {
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            MediaItem v = Items.video("v" + i, Instant.parse("2026-11-10T00:00:00Z").plus(Duration.ofMinutes(i)), 0.6);
            items.add(i == 7 ? Items.withFaces(v, 2) : v);
        }
        Edition one = new Edition("one", false, QUARTERLY.period(), null, List.of(MediaKind.VIDEO), 1, 1, 1, null, 1,
                null, null, QUARTERLY.style(), null, null, null, null);
        assertThat(MaterialSelector.select(FAMILY, one, Q4, items).picks()).extracting(Pick::mediaId).containsExactly("v7");
    }

    @Test
    void itemsOutsideThePeriodOrRejectedOrOfAnotherFamily_areLeftOutAndCounted() {
        List<MediaItem> items = new ArrayList<>(clusteredQuarter());
        items.add(Items.video("september", Instant.parse("2026-09-20T00:00:00Z"), 0.99));
        items.add(Items.rejected("broken", Instant.parse("2026-11-20T00:00:00Z")));
        items.add(Items.item("other", "x", "VIDEO", Instant.parse("2026-11-20T00:00:00Z"), 0.99, 0, Items.hashOf("x")));
        items.add(items.getFirst());
        Selection s = MaterialSelector.select(FAMILY, QUARTERLY, Q4, items);
        assertThat(s.leftOut()).containsEntry(LeftOutReason.OUTSIDE_PERIOD, 1).containsEntry(LeftOutReason.NOT_USABLE, 1)
                .containsEntry(LeftOutReason.OTHER_FAMILY, 1).containsEntry(LeftOutReason.REPEATED, 1);
        assertThat(s.picks()).extracting(Pick::mediaId).doesNotContain("september", "broken", "x");
    }

    @Test
    void plan_readsEachItemFromItsSource_withTheBestMomentOrientationAndFaces() {
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant at = Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofHours(55L * i));
            items.add(i % 2 == 0 ? Items.withFaces(Items.photo("p" + i, at, 0.8), 1) : Items.video("v" + i, at, 0.7));
        }
        Selection s = MaterialSelector.select(FAMILY, MONTHLY, NOVEMBER, items);
        RenderPlan plan = MoviePlanner.plan(s, FAMILY, MONTHLY, items, i -> "https://media.example/" + i.mediaId(), null);

        assertThat(plan.title()).isEqualTo("田中家 2026年11月");
        assertThat(plan.output().edition()).isEqualTo(MONTHLY.style());
        assertThat(plan.clips()).hasSize(12);
        assertThat(plan.clips()).filteredOn(c -> c.kind() == ClipKind.VIDEO).allSatisfy(c -> assertThat(c.start()).isEqualTo(4.0));
        assertThat(plan.clips()).filteredOn(c -> c.kind() == ClipKind.PHOTO).allSatisfy(c -> {
            assertThat(c.orientation()).isEqualTo(6);
            assertThat(c.keep()).isNotNull();
            assertThat(c.focus().x()).isBetween(0.45, 0.55);
        });
        assertThat(plan.clips().getFirst().source()).isEqualTo("https://media.example/p0");
    }

    @Test
    void tooFewDistinctMoments_areRefusedByName() {
        List<MediaItem> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            burst.add(Items.video("b" + i, Instant.parse("2026-11-10T00:00:00Z").plusSeconds(i), 0.6));
        }
        Selection s = MaterialSelector.select(FAMILY, QUARTERLY, Q4, burst);
        assertThat(s.isEnough()).isFalse();
        assertThatThrownBy(() -> plan(s, burst)).isInstanceOf(NotEnoughMomentsException.class).hasMessageContaining("fewer than the 5");
    }

    private static RenderPlan plan(Selection s, List<MediaItem> items) {
        return MoviePlanner.plan(s, FAMILY, QUARTERLY, items, i -> "/media/" + i.mediaId() + ".mp4", null);
    }
}
