package ichibyo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.catalog.SourceObject;
import ichibyo.core.media.MediaKind;
import ichibyo.core.render.Clip;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.scoring.FaceBox;
import ichibyo.core.scoring.RejectReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's plan from catalog items: scored demo moments in the demo's order, with what scoring found. */
class DemoPlanTest {

    private static final Path WATERMARK = Path.of("/assets/watermark.png");
    private static final Path MUSIC = Path.of("/assets/music.m4a");

    @Test
    void scoredItems_becomeTheDemosMomentsInItsOrder_readFromTheirUrls_andRejectedOnesDropOut() {
        List<MediaItem> items = List.of(
                scored("portrait", "PHOTO", 1, List.of(), null),
                rejected("film"),
                scored("street-video", "VIDEO", null, List.of(), 31.0),
                scored("group-photo-1", "PHOTO", 6, List.of(new FaceBox(0.2, 0.3, 0.1, 0.1, 0.9), new FaceBox(0.6, 0.2, 0.1, 0.2, 0.9)), null),
                scored("not-a-demo-moment", "PHOTO", 1, List.of(), null),
                rejected(Demo.BROKEN));

        RenderPlan plan = DemoPlan.of(DemoMovie.moments(), items, i -> "http://127.0.0.1:9000/b/" + i.source().key() + "?sig",
                WATERMARK, MUSIC);

        assertThat(plan.title()).isEqualTo(DemoMovie.TITLE);
        assertThat(plan.watermark()).isEqualTo(WATERMARK.toString());
        assertThat(plan.clips()).extracting(Clip::source).containsExactly(
                "http://127.0.0.1:9000/b/originals/f/group-photo-1.jpg?sig",
                "http://127.0.0.1:9000/b/originals/f/street-video.jpg?sig",
                "http://127.0.0.1:9000/b/originals/f/portrait.jpg?sig");

        Clip group = plan.clips().get(0);
        assertThat(group.orientation()).as("EXIF orientation from the catalog: none is read from a URL").isEqualTo(6);
        assertThat(group.keep().x()).isCloseTo(0.16, within(1e-9));
        assertThat(group.keep().y()).isCloseTo(0.16, within(1e-9));
        assertThat(group.keep().width()).isCloseTo(0.58, within(1e-9));
        assertThat(group.keep().height()).isCloseTo(0.28, within(1e-9));
        assertThat(group.kenBurns()).as("the demo's move is kept").isEqualTo(DemoMovie.moments().get(0).clip().kenBurns());

        Clip street = plan.clips().get(1);
        assertThat(street.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(street.start()).as("the best moment scoring found").isEqualTo(31.0);

        Clip portrait = plan.clips().get(2);
        assertThat(portrait.focus()).as("the demo's own focus stays").isEqualTo(DemoMovie.moments().get(5).clip().focus());
    }

    private static MediaItem scored(String id, String kind, Integer orientation, List<FaceBox> faces, Double bestMoment) {
        return new MediaItem("f", id, source(id), MediaStatus.SCORED, null, null, MediaKind.valueOf(kind), "JPEG", 1920, 1080, orientation, 0,
                null, null, null, null, null, Instant.EPOCH, null, null, Instant.EPOCH, faces.size(), null, null, faces,
                0.5, 0.5, 0.5, null, null, bestMoment, 0.5, null, null, Instant.EPOCH);
    }

    private static MediaItem rejected(String id) {
        return new MediaItem("f", id, source(id), MediaStatus.REJECTED, RejectReason.NOT_MEDIA, "not media", null, null, null, null,
                null, null, null, null, null, null, null, Instant.EPOCH, null, null, Instant.EPOCH, null, null, null, List.of(),
                null, null, null, null, null, null, null, null, null, Instant.EPOCH);
    }

    private static SourceObject source(String id) {
        return new SourceObject("ichibyo-media", "originals/f/" + id + ".jpg", "etag", null, "01");
    }
}
