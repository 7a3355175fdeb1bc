package ichibyo.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ichibyo.core.TestMedia;
import ichibyo.core.media.HeicDecoder;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.media.exceptions.FfmpegFailedException;
import ichibyo.core.media.exceptions.FfmpegTimeoutException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders real files with the real ffmpeg, and checks the movies that come out. */
class MovieRendererTest {
    static final Output SMALL = new Output(Aspect.LANDSCAPE, 180, 30, EditionStyle.MONTHLY);

    @TempDir
    static Path media;
    static Path videoWithSound;
    static Path silentVideo;
    static Path photo;
    static Path music;

    private final MovieRenderer renderer = MovieRenderer.local();

    @BeforeAll
    static void makeMedia() {
        videoWithSound = TestMedia.video(media, "with-sound.mp4", 480, 270, 3, true);
        silentVideo = TestMedia.video(media, "silent.mp4", 640, 480, 2, false);
        photo = TestMedia.quadrantPhoto(media, 400, 300, 1);
        music = TestMedia.tone(media, "music.m4a", 10);
    }

    @Test
    void render_joinsClipsWithCrossfades_lengthIsTheClipsMinusTheOverlaps(@TempDir Path out) {
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(
                Clip.video(videoWithSound.toString(), 0.5),
                Clip.photo(photo.toString(), null).withDuration(0.8),
                Clip.video(silentVideo.toString(), 0.2).withDuration(1.2)));

        RenderResult result = renderer.render(plan, out.resolve("movie.mp4"));

        double crossfade = EditionStyle.MONTHLY.crossfade();
        double expected = 1.0 + 0.8 + 1.2 - 2 * crossfade;
        RenderedMovie movie = RenderedMovie.of(result.output());
        double frame = 1.0 / 30;
        assertThat(result.duration()).isCloseTo(expected, within(frame));
        assertThat(movie.videoDuration()).isCloseTo(expected, within(frame));
        assertThat(movie.frames()).isCloseTo((int) Math.round(expected * 30), within(1));
        assertThat(movie.audioDuration()).isCloseTo(expected, within(frame));
    }

    @Test
    void render_videoShorterThanItsClip_holdsItsLastFrame_andAMomentPastTheEndMovesBack(@TempDir Path out) {
        Path short05 = TestMedia.video(out, "short.mp4", 320, 180, 0.5, true);
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(
                Clip.video(short05.toString(), 0).withDuration(1.0),
                Clip.video(silentVideo.toString(), 30.0).withDuration(0.5)));

        RenderResult result = renderer.render(plan, out.resolve("movie.mp4"));

        // The 0.3 s crossfade shrinks to 7 frames so the 15-frame clip keeps one frame of its own.
        double expected = 1.0 + 0.5 - 7.0 / 30;
        assertThat(RenderedMovie.of(result.output()).videoDuration()).isCloseTo(expected, within(1.0 / 30));
    }

    @Test
    void render_writesH264HighYuv420pAndAac48kStereoMp4WithFaststart(@TempDir Path out) {
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(Clip.video(videoWithSound.toString(), 1)));

        RenderedMovie movie = RenderedMovie.of(renderer.render(plan, out.resolve("movie.mp4")).output());

        assertThat(movie.format().path("format_name").asText()).contains("mp4");
        assertThat(movie.width()).isEqualTo(320);
        assertThat(movie.height()).isEqualTo(180);
        assertThat(movie.frameRate()).isEqualTo("30/1");
        assertThat(movie.video().path("codec_name").asText()).isEqualTo("h264");
        assertThat(movie.video().path("profile").asText()).isEqualTo("High");
        assertThat(movie.video().path("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(movie.video().path("sample_aspect_ratio").asText("1:1")).isEqualTo("1:1");
        assertThat(movie.audio().path("codec_name").asText()).isEqualTo("aac");
        assertThat(movie.audio().path("sample_rate").asText()).isEqualTo("48000");
        assertThat(movie.audio().path("channels").asInt()).isEqualTo(2);
        assertThat(movie.isFastStart()).isTrue();
    }

    @Test
    void render_portraitAndSquareOutputs_haveTheirSizes(@TempDir Path out) {
        for (Aspect aspect : List.of(Aspect.PORTRAIT, Aspect.SQUARE)) {
            RenderPlan plan = RenderPlan.of(new Output(aspect, 180, 24, EditionStyle.QUARTERLY), null, null, null,
                    List.of(Clip.video(silentVideo.toString(), 0).withDuration(0.5)));
            RenderedMovie movie = RenderedMovie.of(renderer.render(plan, out.resolve(aspect.name() + ".mp4")).output());
            assertThat(movie.width()).isEqualTo(aspect == Aspect.PORTRAIT ? 180 : 180);
            assertThat(movie.height()).isEqualTo(aspect == Aspect.PORTRAIT ? 320 : 180);
            assertThat(movie.frameRate()).isEqualTo("24/1");
        }
    }

    @Test
    void render_withMusic_hasAudibleSound_evenWhenNoClipHasAny(@TempDir Path out) {
        List<Clip> silentClips = List.of(Clip.photo(photo.toString(), null), Clip.video(silentVideo.toString(), 0));
        RenderPlan withMusic = RenderPlan.of(SMALL, null, null, Music.of(music.toString()), silentClips);
        RenderPlan without = RenderPlan.of(SMALL, null, null, null, silentClips);

        double withMusicDb = RenderedMovie.of(renderer.render(withMusic, out.resolve("music.mp4")).output()).meanVolume();
        double withoutDb = RenderedMovie.of(renderer.render(without, out.resolve("silent.mp4")).output()).meanVolume();

        assertThat(withMusicDb).isGreaterThan(-35);
        assertThat(withoutDb).isLessThan(-80);
    }

    @Test
    void render_keepsTheClipsOwnSound(@TempDir Path out) {
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(Clip.video(videoWithSound.toString(), 0.5)));
        assertThat(RenderedMovie.of(renderer.render(plan, out.resolve("m.mp4")).output()).meanVolume()).isGreaterThan(-35);
    }

    @Test
    void render_heicPhoto_isDecodedAndShown(@TempDir Path out) {
        assertThat(HeicDecoder.locate()).as(HeicDecoder.NOT_FOUND).isNotNull();
        Path heic = TestMedia.resource("test-documents/testHEIF.heic", out);
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(Clip.photo(heic.toString(), KenBurns.STILL).withDuration(0.4)));

        BufferedImage frame = TestMedia.frameAt(renderer.render(plan, out.resolve("heic.mp4")).output(), 0.1);

        assertThat(TestMedia.contrast(frame)).isGreaterThan(5);
    }

    @Test
    void render_hdrVideo_isToneMappedToSdr(@TempDir Path out) {
        Path pq = out.resolve("pq.mp4");
        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1",
                "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le",
                "-x265-params", "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc",
                "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", "-y", pq.toString()), TestMedia.LIMIT);
        assertThat(MediaProbe.local().probe(pq).isHdr()).isTrue();
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(Clip.video(pq.toString(), 0).withDuration(0.5)));

        Path rendered = renderer.render(plan, out.resolve("sdr.mp4")).output();

        RenderedMovie movie = RenderedMovie.of(rendered);
        assertThat(movie.video().path("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(movie.video().path("color_transfer").asText("bt709")).isNotIn("smpte2084", "arib-std-b67");
        assertThat(TestMedia.contrast(TestMedia.frameAt(rendered, 0.2))).isGreaterThan(10);
    }

    @Test
    void render_overItsTimeLimit_isKilled(@TempDir Path out) {
        MovieRenderer impatient = new MovieRenderer(MediaProbe.local(), RenderSettings.DEFAULT.withTimeLimit(Duration.ofMillis(50)));
        RenderPlan plan = RenderPlan.of(Output.hd(EditionStyle.MONTHLY), null, null, null,
                List.of(Clip.video(videoWithSound.toString(), 0).withDuration(3), Clip.video(silentVideo.toString(), 0).withDuration(2)));

        assertThatThrownBy(() -> impatient.render(plan, out.resolve("slow.mp4"))).isInstanceOf(FfmpegTimeoutException.class);
    }

    @Test
    void render_whenFfmpegFails_surfacesItsStderrTail(@TempDir Path out) throws Exception {
        Path directory = Files.createDirectories(out.resolve("already-a-directory.mp4"));
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(Clip.photo(photo.toString(), null)));

        assertThatThrownBy(() -> renderer.render(plan, directory))
                .isInstanceOf(FfmpegFailedException.class)
                .satisfies(e -> assertThat(((FfmpegFailedException) e).stderrTail()).contains("already-a-directory.mp4"));
    }
}
