package ichibyo.local.cli;

import ichibyo.core.catalog.MediaItem;
import ichibyo.core.render.Clip;
import ichibyo.core.render.ClipKind;
import ichibyo.core.render.DemoMovie;
import ichibyo.core.render.FocusPoint;
import ichibyo.core.render.Region;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.scoring.FaceBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo's render plan from the catalog: the family's {@code SCORED} items that are demo moments,
 * in the demo's order, with DemoMovie's look, read from the uploaded copies (presigned GETs), and
 * what scoring found: a photo's EXIF orientation (the renderer reads no EXIF from a URL), the faces
 * to keep in the frame, a video's best moment.
 *
 * <p>This is deliberately small: choosing what goes into a family's movie (ranking by scores,
 * diversity over the period, the edition's rules) is the delivery run's {@code select-materials}
 * (next issue); here the demo's fixed moments only drop out when scoring rejected them.
 */
final class DemoPlan {

    /** Faces are kept with this margin around them (fraction of the picture). */
    private static final double FACE_MARGIN = 0.04;

    private DemoPlan() {}

    /**
     * @param items   the family's catalog (any order; rejected items and unknown ids are left out)
     * @param url     the presigned GET of an item's original
     */
    static RenderPlan of(List<DemoMovie.Moment> moments, List<MediaItem> items, Function<MediaItem, String> url,
            Path watermark, Path music) {
        Map<String, MediaItem> scored = items.stream().filter(MediaItem::isUsable)
                .collect(Collectors.toMap(MediaItem::mediaId, i -> i, (a, b) -> a));
        List<Clip> clips = new ArrayList<>();
        for (DemoMovie.Moment moment : moments) {
            MediaItem item = scored.get(moment.name());
            if (item != null) {
                clips.add(clip(moment.clip(), item, url.apply(item)));
            }
        }
        if (clips.isEmpty()) {
            throw new IllegalStateException("no scored demo media in the catalog: nothing to render");
        }
        return DemoMovie.plan(clips, watermark, music);
    }

    static Clip clip(Clip moment, MediaItem item, String url) {
        Clip clip = moment.withSource(url);
        if (moment.kind() == ClipKind.VIDEO) {
            return item.bestMomentStart() == null ? clip : clip.withStart(item.bestMomentStart());
        }
        clip = clip.withOrientation(item.orientation());
        // A moment that says what to keep in the frame keeps it; otherwise the faces scoring found.
        if (moment.focus() == null && item.faceBoxes() != null && !item.faceBoxes().isEmpty()) {
            Region faces = around(item.faceBoxes());
            clip = clip.withFocus(new FocusPoint(faces.centreX(), faces.centreY()), faces);
        }
        return clip;
    }

    /** The smallest region holding every face, with a margin, inside the picture. */
    static Region around(List<FaceBox> faces) {
        return ichibyo.core.render.FaceFraming.around(faces);
    }
}
