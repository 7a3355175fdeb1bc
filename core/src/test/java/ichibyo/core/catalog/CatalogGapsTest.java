package ichibyo.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.catalog.CatalogGaps.Gap;
import ichibyo.core.catalog.CatalogGaps.Original;
import ichibyo.core.catalog.CatalogGaps.Reason;
import ichibyo.core.scoring.RejectReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogGapsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static MediaItem item(String key, String eTag, String sequencer, Instant uploadedAt) {
        OriginalKey original = OriginalKey.parse(key);
        return MediaItem.rejected(original, new SourceObject("media", key, eTag, null, sequencer), RejectReason.NOT_MEDIA, "x",
                uploadedAt, uploadedAt.plusSeconds(1));
    }

    private static Original object(String key, String eTag, Instant lastModified) {
        return new Original(key, 100, lastModified, eTag);
    }

    @Test
    void anOriginalWithoutAnItem_isAGap_withSequencerZero() {
        List<Gap> gaps = CatalogGaps.find(List.of(object("originals/famA/m1.jpg", "\"e1\"", T0)), List.of());
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.reason()).isEqualTo(Reason.NO_ITEM);
            assertThat(g.sequencer()).isEqualTo("0");
            assertThat(g.original().key()).isEqualTo("originals/famA/m1.jpg");
        });
    }

    @Test
    void anItemOfTheSameETag_isNoGap_whetherS3QuotesItOrNot() {
        MediaItem scored = item("originals/famA/m1.jpg", "e1", "0001", T0);
        assertThat(CatalogGaps.find(List.of(object("originals/famA/m1.jpg", "\"e1\"", T0.plusSeconds(5))), List.of(scored))).isEmpty();
        assertThat(CatalogGaps.find(List.of(object("originals/famA/m1.jpg", "e1", T0)), List.of(scored))).isEmpty();
    }

    @Test
    void anItemOfAnEarlierVersion_isAGap_whoseSequencerIsOneAboveTheItems() {
        MediaItem old = item("originals/famA/m1.jpg", "old", "00FF", T0);
        List<Gap> gaps = CatalogGaps.find(List.of(object("originals/famA/m1.jpg", "\"new\"", T0.plusSeconds(60))), List.of(old));
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.reason()).isEqualTo(Reason.OLDER_ITEM);
            assertThat(g.sequencer()).isEqualTo(old.source().orderedSequencer().substring(0, 29) + "100");
        });
        // Scoring takes the new event for newer than the item, and a later real event for newer still.
        SourceObject healed = new SourceObject("media", "originals/famA/m1.jpg", "new", null, gaps.getFirst().sequencer());
        assertThat(healed.isSupersededBy(old.source())).isFalse();
        assertThat(new SourceObject("media", "originals/famA/m1.jpg", "newer", null, "0101").isSupersededBy(healed)).isFalse();
    }

    @Test
    void anItemWithAnotherETag_madeAfterTheObjectWasListed_isNoGap() {
        MediaItem newer = item("originals/famA/m1.jpg", "newer", "0200", T0.plusSeconds(120));
        assertThat(CatalogGaps.find(List.of(object("originals/famA/m1.jpg", "listed", T0.plusSeconds(60))), List.of(newer))).isEmpty();
    }

    @Test
    void itemsAreMatchedByTheObjectTheyWereMadeFrom_notByTheirId() {
        // twin.mp4 after twin.jpg: the second's item has an id of its own (a stray's), made from its own key.
        MediaItem jpg = item("originals/famA/twin.jpg", "j", "01", T0);
        MediaItem mp4 = StrayOriginal.duplicate(OriginalKey.parse("originals/famA/twin.mp4"))
                .rejected(new SourceObject("media", "originals/famA/twin.mp4", "v", null, "02"), RejectReason.DUPLICATE_MEDIA_ID, "x", T0, T0);
        List<Original> listing = List.of(object("originals/famA/twin.jpg", "j", T0), object("originals/famA/twin.mp4", "v", T0),
                object("originals/famA/twin.mov", "w", T0));
        assertThat(CatalogGaps.find(listing, List.of(jpg, mp4))).extracting(g -> g.original().key())
                .containsExactly("originals/famA/twin.mov");
    }

    @Test
    void strayNamesInAFamilyFolderAreGaps_objectsOutsideAnyFamilyFolderAreNot() {
        List<Original> listing = List.of(object("originals/famA/IMG 1.JPG", "a", T0), object("originals/loose.jpg", "b", T0),
                object("originals/bad family!/m.jpg", "c", T0));
        assertThat(CatalogGaps.find(listing, List.of())).extracting(g -> g.original().key()).containsExactly("originals/famA/IMG 1.JPG");
    }
}
