package ichibyo.core.selection;

import ichibyo.core.catalog.MediaItem;
import ichibyo.core.delivery.MovieTitle;
import ichibyo.core.edition.Edition;
import ichibyo.core.family.Family;
import ichibyo.core.media.MediaKind;
import ichibyo.core.render.Aspect;
import ichibyo.core.render.Clip;
import ichibyo.core.render.FaceFraming;
import ichibyo.core.render.FocusPoint;
import ichibyo.core.render.KenBurns;
import ichibyo.core.render.Music;
import ichibyo.core.render.Output;
import ichibyo.core.render.RenderPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The render plan of a selection: one clip per pick in the selection's order, read from where
 * {@code source} says (a presigned GET on AWS, a local path in tests); videos from their best
 * moment, photos with their EXIF orientation (the renderer reads no EXIF from a URL) framed around
 * their faces with the edition's zoom; the edition's style and size; the title.
 */
public final class MoviePlanner {
    private MoviePlanner() {}

    /**
     * How the movie looks beyond the edition: its shape, the watermark and the music (each may be null).
     */
    public record Look(Aspect aspect, String watermark, Music music) {
        public static final Look PLAIN = new Look(Aspect.LANDSCAPE, null, null);
    }

    /**
     * @param items  the items the selection was made from (at least its picks)
     * @param source where the renderer reads an item's original
     * @throws NotEnoughMomentsException when the selection has fewer moments than the edition's fewest
     */
    public static RenderPlan plan(Selection selection, Family family, Edition edition, Collection<MediaItem> items,
            Function<MediaItem, String> source, Look look) {
        if (!selection.isEnough()) {
            throw new NotEnoughMomentsException(selection.familyId(), selection.picks().size(), selection.minMoments());
        }
        if (!selection.edition().equals(edition.id()) || !selection.familyId().equals(family.familyId())) {
            throw new IllegalArgumentException("the selection is for " + selection.familyId() + "/" + selection.edition()
                    + ", not " + family.familyId() + "/" + edition.id());
        }
        Map<String, MediaItem> byId = items.stream().collect(Collectors.toMap(MediaItem::mediaId, i -> i, (a, b) -> a));
        List<Clip> clips = new ArrayList<>();
        for (Pick pick : selection.picks()) {
            MediaItem item = byId.get(pick.mediaId());
            if (item == null) {
                throw new IllegalArgumentException("picked item " + pick.mediaId() + " is not among the items");
            }
            clips.add(clip(pick, item, source.apply(item), edition));
        }
        Look shown = look == null ? Look.PLAIN : look;
        Output output = new Output(shown.aspect() == null ? Aspect.LANDSCAPE : shown.aspect(), edition.resolution(),
                edition.fps(), edition.style());
        String title = MovieTitle.of(family, selection.period(), edition.style().maxTitleLength());
        return RenderPlan.of(output, title, shown.watermark(), shown.music(), clips);
    }

    static Clip clip(Pick pick, MediaItem item, String location, Edition edition) {
        if (pick.kind() == MediaKind.VIDEO) {
            return Clip.video(location, pick.start() == null ? 0 : pick.start()).withDuration(edition.momentSeconds());
        }
        Clip clip = Clip.photo(location, null).withDuration(edition.momentSeconds()).withOrientation(item.orientation());
        clip = FaceFraming.framed(clip, item.faceBoxes());
        FocusPoint focus = clip.focusOrCentre();
        KenBurns move = edition.photoZoom() > 1.0001 ? KenBurns.zoomInto(focus, edition.photoZoom()) : KenBurns.STILL;
        return new Clip(clip.kind(), clip.source(), null, clip.duration(), move, clip.orientation(), clip.focus(), clip.keep());
    }
}
