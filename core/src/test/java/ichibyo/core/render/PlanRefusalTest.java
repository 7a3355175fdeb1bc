package ichibyo.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.TestMedia;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.media.exceptions.MediaNotFoundException;
import ichibyo.core.media.exceptions.UndecodableMediaException;
import ichibyo.core.media.exceptions.UnsupportedMediaException;
import ichibyo.core.render.exceptions.InvalidClipDurationException;
import ichibyo.core.render.exceptions.InvalidRenderPlanException;
import ichibyo.core.render.exceptions.TitleTooLongException;
import ichibyo.core.render.exceptions.TooManyClipsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans that cannot be rendered are refused with a named error, before ffmpeg runs. */
class PlanRefusalTest {
    private static final Output SMALL = new Output(Aspect.LANDSCAPE, 180, 30, EditionStyle.QUARTERLY);

    @TempDir
    static Path media;
    static Path photo;

    @TempDir
    Path out;

    private final MovieRenderer renderer = MovieRenderer.local();

    @BeforeAll
    static void makeMedia() {
        photo = TestMedia.quadrantPhoto(media, 160, 90, 1);
    }

    @Test
    void missingInput_isMediaNotFound() {
        assertRefused(plan(Clip.photo(media.resolve("gone.jpg").toString(), null)), MediaNotFoundException.class);
    }

    @Test
    void undecodableInput_isUndecodableMedia() throws Exception {
        Path text = Files.writeString(media.resolve("not-a-video.mp4"), "hello");
        assertRefused(plan(Clip.video(text.toString(), 0)), UndecodableMediaException.class);
    }

    @Test
    void heicWithoutHeifConvert_isUnsupportedMedia() {
        Path heic = TestMedia.resource("test-documents/testHEIF.heic", media);
        MovieRenderer withoutHeif = new MovieRenderer(new MediaProbe(MediaProbe.local().runner(), null), RenderSettings.DEFAULT);
        assertThatThrownBy(() -> withoutHeif.render(plan(Clip.photo(heic.toString(), null)), out.resolve("m.mp4")))
                .isInstanceOf(UnsupportedMediaException.class);
    }

    @Test
    void zeroDuration_isInvalidClipDuration() {
        assertRefused(plan(Clip.photo(photo.toString(), null).withDuration(0)), InvalidClipDurationException.class);
    }

    @Test
    void negativeDuration_isInvalidClipDuration() {
        assertRefused(plan(Clip.photo(photo.toString(), null).withDuration(-1)), InvalidClipDurationException.class);
    }

    @Test
    void moreClipsThanTheEditionAllows_isTooManyClips() {
        List<Clip> clips = Collections.nCopies(EditionStyle.QUARTERLY.maxClips() + 1, Clip.photo(photo.toString(), null));
        assertRefused(RenderPlan.of(SMALL, null, null, null, clips), TooManyClipsException.class);
    }

    @Test
    void titleOverTheLimit_isTitleTooLong() {
        String title = "x".repeat(EditionStyle.QUARTERLY.maxTitleLength() + 1);
        assertRefused(RenderPlan.of(SMALL, title, null, null, List.of(Clip.photo(photo.toString(), null))), TitleTooLongException.class);
    }

    @Test
    void titleAtTheLimit_countsCharactersNotBytes() {
        String title = "家".repeat(EditionStyle.QUARTERLY.maxTitleLength());
        RenderPlan plan = RenderPlan.of(SMALL, title, null, null, List.of(Clip.photo(photo.toString(), null).withDuration(0.2)));
        assertThat(renderer.render(plan, out.resolve("ok.mp4")).output()).isNotEmptyFile();
    }

    @Test
    void photoClipNamingAVideo_isRefused() {
        Path video = TestMedia.video(media, "v.mp4", 160, 90, 0.5, false);
        assertRefused(plan(Clip.photo(video.toString(), null)), InvalidRenderPlanException.class);
    }

    @Test
    void musicWithoutSound_isRefused() {
        Path silent = TestMedia.video(media, "silent-music.mp4", 160, 90, 0.5, false);
        RenderPlan plan = RenderPlan.of(SMALL, null, null, Music.of(silent.toString()), List.of(Clip.photo(photo.toString(), null)));
        assertRefused(plan, InvalidRenderPlanException.class);
    }

    @Test
    void watermarkThatIsNotAPicture_isRefused() {
        Path video = TestMedia.video(media, "mark.mp4", 160, 90, 0.5, false);
        assertRefused(RenderPlan.of(SMALL, null, video.toString(), null, List.of(Clip.photo(photo.toString(), null))),
                InvalidRenderPlanException.class);
    }

    @Test
    void emptyPlan_isRefused() {
        assertRefused(RenderPlan.of(SMALL, null, null, null, List.of()), InvalidRenderPlanException.class);
    }

    private RenderPlan plan(Clip clip) {
        return RenderPlan.of(SMALL, null, null, null, List.of(clip));
    }

    private void assertRefused(RenderPlan plan, Class<? extends RuntimeException> error) {
        Path output = out.resolve("never.mp4");
        assertThatThrownBy(() -> renderer.render(plan, output)).isInstanceOf(error);
        assertThat(output).as("ffmpeg never ran").doesNotExist();
    }
}
