package ichibyo.core.scoring;

import static ichibyo.core.scoring.PhotoScorerTest.assertRejected;
import static ichibyo.core.scoring.PhotoScorerTest.meanDifference;
import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.TestMedia;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaProbe;
import ichibyo.samples.SampleMedia;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaScorerTest {
    private static final Instant UPLOADED = Instant.parse("2026-11-01T00:00:00Z");
    private static MediaScorer scorer;
    private static Path clips;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws IOException {
        scorer = MediaScorer.local();
        clips = Files.createTempDirectory("ichibyo-clips");
    }

    @AfterAll
    static void tearDown() {
        scorer.close();
    }

    /**
     * A few seconds of vtest.avi as a phone would write it: H.264 in MP4 (vtest's MS-MPEG4 cannot be
     * muxed into MP4).
     */
    private static Path clip(String name, double seconds) {
        Path out = clips.resolve(name);
        if (!Files.exists(out)) {
            FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-i", SampleMedia.streetVideo().toString(),
                    "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    out.toString()), Duration.ofSeconds(60));
        }
        return out;
    }

    /** The same clip with a phone's display rotation tag, stream-copied (ffmpeg 4.4 drops the tag when encoding). */
    private static Path rotatedClip(String name, double seconds, int degrees) {
        Path out = clips.resolve(name);
        if (!Files.exists(out)) {
            FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-i", clip(name + ".plain.mp4", seconds).toString(),
                    "-c", "copy", "-metadata:s:v:0", "rotate=" + degrees, out.toString()), Duration.ofSeconds(60));
        }
        return out;
    }

    private static BufferedImage image(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    @Test
    void streetVideo_isScoredWithMotionAndNoAudio() {
        ScoredMedia scored = scorer.score(clip("street.mp4", 10), UPLOADED);

        assertThat(scored.isVideo()).isTrue();
        assertThat(scored.width()).isEqualTo(768);
        assertThat(scored.height()).isEqualTo(576);
        assertThat(scored.duration()).isBetween(Duration.ofMillis(9500), Duration.ofMillis(10500));
        assertThat(scored.hasAudio()).isFalse();
        assertThat(scored.scores().loudness()).isZero();
        assertThat(scored.scores().motion()).isGreaterThan(0.05);
        assertThat(scored.scores().bestMomentStart()).isBetween(0.0, 9.0);
        assertThat(scored.scores().overall()).isBetween(0.0, 1.0);
        assertThat(scored.poster()).isNotEmpty();
    }

    @Test
    void filmWithAudio_hasLoudness() {
        ScoredMedia scored = scorer.score(SampleMedia.filmWithAudio(), UPLOADED);

        assertThat(scored.hasAudio()).isTrue();
        assertThat(scored.scores().loudness()).isGreaterThan(0.2);
    }

    @Test
    void phoneVideoRotated90_givesUprightPosterAndPortraitSize() throws IOException {
        ScoredMedia plain = scorer.score(clip("rotated.mp4.plain.mp4", 4), UPLOADED);
        ScoredMedia rotated = scorer.score(rotatedClip("rotated.mp4", 4, 90), UPLOADED);

        assertThat(rotated.width()).isEqualTo(576);
        assertThat(rotated.height()).isEqualTo(768);
        assertThat(rotated.scores().bestMomentStart()).isEqualTo(plain.scores().bestMomentStart());
        BufferedImage poster = image(rotated.poster());
        assertThat(poster.getWidth()).isLessThan(poster.getHeight());
        BufferedImage thumbnail = image(rotated.thumbnail());
        assertThat(thumbnail.getHeight()).isEqualTo(Pictures.THUMBNAIL_LONG_EDGE);
        // This ffmpeg writes rotate=90 as a display matrix turning a quarter counter-clockwise (ffprobe
        // "rotation: 90"; the renderer's OrientationRenderTest pins the same): the poster is the plain
        // frame turned that way, and clearly not the other.
        RgbImage plainPoster = RgbImage.of(image(plain.poster()));
        BufferedImage counterClockwise = Upright.apply(plainPoster, 8).toBufferedImage();
        BufferedImage clockwise = Upright.apply(plainPoster, 6).toBufferedImage();
        assertThat(meanDifference(poster, counterClockwise)).isLessThan(8).isLessThan(meanDifference(poster, clockwise) / 2);
    }

    @Test
    void iphoneHeic_isDecodedUprightWithItsCaptureTime() throws IOException {
        ScoredMedia scored = scorer.score(TestMedia.iphoneHeic(), UPLOADED);

        assertThat(scored.container()).isEqualTo(Container.HEIF);
        assertThat(Math.max(scored.width(), scored.height())).isEqualTo(4032);
        assertThat(Math.min(scored.width(), scored.height())).isEqualTo(3024);
        assertThat(scored.takenAt().source()).isNotEqualTo(TakenAt.Source.UPLOAD);
        BufferedImage thumbnail = image(scored.thumbnail());
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(Pictures.THUMBNAIL_LONG_EDGE);
    }

    @Test
    void heicDeclaringAHugePicture_isRejectedBeforeDecoding() throws IOException {
        byte[] heic = Files.readAllBytes(TestMedia.iphoneHeic());
        // Make the first image extent (ispe) claim 100 000 × 100 000 pixels.
        for (int i = 4; i + 16 <= heic.length; i++) {
            if (heic[i] == 'i' && heic[i + 1] == 's' && heic[i + 2] == 'p' && heic[i + 3] == 'e') {
                java.nio.ByteBuffer.wrap(heic, i + 8, 8).putInt(100_000).putInt(100_000);
                break;
            }
        }
        Path bomb = Files.write(tmp.resolve("bomb.heic"), heic);

        assertRejected(() -> scorer.score(bomb, UPLOADED), RejectReason.TOO_MANY_PIXELS);
    }

    @ParameterizedTest(name = "{0} is rejected without opening the file it names")
    @ValueSource(strings = {"hls", "ffconcat"})
    void playlistDisguisedAsMp4_isRejectedWithoutReadingOtherFiles(String kind) throws Exception {
        // The playlist names a FIFO: opening it for reading would let the writer below through.
        Path fifo = tmp.resolve("secret");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        AtomicBoolean opened = new AtomicBoolean();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                opened.set(true);
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        String text = kind.equals("hls")
                ? "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:" + fifo + "\n#EXT-X-ENDLIST\n"
                : "ffconcat version 1.0\nfile '" + fifo + "'\n";
        Path playlist = Files.writeString(tmp.resolve("clip.mp4"), text);

        assertRejected(() -> scorer.score(playlist, UPLOADED), RejectReason.NOT_MEDIA);
        assertThat(opened).isFalse();

        // Release the writer.
        Files.newInputStream(fifo).close();
        writer.join(Duration.ofSeconds(5));
    }

    @Test
    void truncatedMp4_isRejectedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(clip("street.mp4", 10));
        Path cut = Files.write(tmp.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));

        assertRejected(() -> scorer.score(cut, UPLOADED), RejectReason.TRUNCATED);
    }

    @Test
    void videoOverTheDurationLimit_isRejectedAsTooLong() {
        MediaScorer strict = new MediaScorer(MediaProbe.local(), FaceDetector.load(),
                new MediaLimits(MediaLimits.DEFAULT.maxBytes(), MediaLimits.DEFAULT.maxPixels(), Duration.ofSeconds(60)));
        try (strict) {
            assertRejected(() -> strict.score(SampleMedia.streetVideo(), UPLOADED), RejectReason.TOO_LONG);
        }
    }

    @Test
    void fileOverTheSizeLimit_isRejectedAsTooLarge() {
        MediaScorer strict = new MediaScorer(MediaProbe.local(), FaceDetector.load(),
                new MediaLimits(1000, MediaLimits.DEFAULT.maxPixels(), MediaLimits.DEFAULT.maxDuration()));
        try (strict) {
            assertRejected(() -> strict.score(SampleMedia.portrait(), UPLOADED), RejectReason.TOO_LARGE);
        }
    }

    @Test
    void audioOnlyMp4_isRejectedAsUnsupportedOrTruncated() {
        Path audio = clips.resolve("audio.m4a.mp4");
        if (!Files.exists(audio)) {
            FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac", audio.toString()),
                    Duration.ofSeconds(60));
        }

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(MediaRejectedException.class,
                () -> scorer.score(audio, UPLOADED)).rejectReason()).isIn(RejectReason.UNSUPPORTED, RejectReason.TRUNCATED);
    }
}
