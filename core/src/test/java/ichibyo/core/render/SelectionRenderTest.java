package ichibyo.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ichibyo.core.TestMedia;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.OriginalKey;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.edition.Edition;
import ichibyo.core.edition.Editions;
import ichibyo.core.edition.Period;
import ichibyo.core.family.Family;
import ichibyo.core.media.MediaKind;
import ichibyo.core.samples.SampleMedia;
import ichibyo.core.scoring.MediaScorer;
import ichibyo.core.selection.DuplicateKind;
import ichibyo.core.selection.MaterialSelector;
import ichibyo.core.selection.PickRule;
import ichibyo.core.selection.MoviePlanner;
import ichibyo.core.selection.Selection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real photos and videos, scored for real, selected and rendered with FFmpeg: the family-movie path without AWS. */
class SelectionRenderTest {
    private static final Family FAMILY = Family.of("tanaka", "田中家", true);
    private static final Period NOVEMBER = Period.month(2026, 11);
    /** The monthly edition, small: a 320×180 movie of at most 8 moments. */
    private static final Edition SMALL_MONTHLY = Editions.fromJson("""
            {"version": 1, "editions": [{"id": "monthly", "premiumOnly": true, "period": "MONTH",
              "material": ["PHOTO", "VIDEO"], "minItems": 10, "minMoments": 3, "maxMoments": 8, "videoShare": 0.5,
              "slices": 4, "style": "MONTHLY", "photoZoom": 1.12, "resolution": 180}]}""").edition("monthly");

    @Test
    void selectionFromScoredRealMedia_rendersAMovieOfThePlannedLength(@TempDir Path dir) {
        List<Path> files = new ArrayList<>(SampleMedia.groupPhotos());
        files.add(SampleMedia.portrait());
        files.add(SampleMedia.footballPhoto());
        files.add(SampleMedia.streetVideo());
        files.add(SampleMedia.filmWithAudio());
        files.add(TestMedia.video(dir, "garden.mp4", 640, 360, 4, true));
        files.add(TestMedia.video(dir, "park.mp4", 480, 360, 3, false));

        List<MediaItem> items = new ArrayList<>();
        Map<String, Path> paths = new HashMap<>();
        try (MediaScorer scorer = MediaScorer.local()) {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String id = "m" + i;
                String ext = file.toString().endsWith(".jpg") ? "jpg" : "mp4";
                OriginalKey key = new OriginalKey(FAMILY.familyId(), id, ext);
                MediaItem scored = MediaItem.scored(key, new SourceObject("media", key.key(), "e" + i, null, "0" + i),
                        scorer.score(file, Instant.EPOCH), Instant.EPOCH, Instant.EPOCH);
                // Taken every two and a half days through November (Tokyo time).
                items.add(takenAt(scored, Instant.parse("2026-11-01T01:00:00Z").plus(Duration.ofHours(60L * i))));
                paths.put(id, file);
            }
        }

        Selection selection = MaterialSelector.select(FAMILY, SMALL_MONTHLY, NOVEMBER, items);
        RenderPlan plan = MoviePlanner.plan(selection, FAMILY, SMALL_MONTHLY, items, i -> paths.get(i.mediaId()).toString(),
                MoviePlanner.Look.PLAIN);
        RenderResult result = MovieRenderer.local().render(plan, dir.resolve("movie.mp4"));
        RenderedMovie movie = RenderedMovie.of(result.output());

        assertThat(selection.picks()).hasSize(8);
        // The two generated videos are the same test pattern: the second is a near-duplicate of the first.
        assertThat(selection.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.mediaId()).isEqualTo("m11");
            assertThat(s.duplicateOf()).isEqualTo("m10");
            assertThat(s.why()).isEqualTo(DuplicateKind.SIMILAR_PICTURE);
        });
        assertThat(selection.picks()).filteredOn(p -> p.kind() == MediaKind.VIDEO).hasSize(3);
        assertThat(selection.picks()).anyMatch(p -> p.rule() == PickRule.FILL_BEYOND_BALANCE);
        assertThat(plan.title()).isEqualTo("田中家 2026年11月");
        int fps = plan.output().fps();
        int crossfade = (int) Math.round(EditionStyle.MONTHLY.crossfade() * fps);
        int expectedFrames = 8 * fps - 7 * crossfade;
        assertThat(movie.width()).isEqualTo(320);
        assertThat(movie.height()).isEqualTo(180);
        assertThat(movie.frames()).isEqualTo(expectedFrames);
        assertThat(movie.videoDuration()).isCloseTo(expectedFrames / (double) fps, within(0.05));
        assertThat(result.duration()).isCloseTo(expectedFrames / (double) fps, within(0.01));
    }

    private static MediaItem takenAt(MediaItem i, Instant at) {
        return new MediaItem(i.familyId(), i.mediaId(), i.source(), i.status(), i.rejectReason(), i.rejectDetail(), i.kind(),
                i.container(), i.width(), i.height(), i.orientation(), i.rotation(), i.durationMillis(), i.frameRate(), i.codec(),
                i.hdr(), i.hasAudio(), at, "+09:00", i.takenAtSource(), i.uploadedAt(), i.faceCount(), i.largestFaceShare(),
                i.faceCentrality(), i.faceBoxes(), i.sharpness(), i.exposure(), i.contrast(), i.motion(), i.loudness(),
                i.bestMomentStart(), i.score(), i.thumbnailKey(), i.posterKey(), i.scoredAt(), i.perceptualHash());
    }
}
