package ichibyo.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.TestMedia;
import ichibyo.core.media.exceptions.MediaNotFoundException;
import ichibyo.core.media.exceptions.UndecodableMediaException;
import ichibyo.core.media.exceptions.UnsupportedMediaException;
import ichibyo.samples.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaProbeTest {
    private final MediaProbe probe = MediaProbe.local();

    @Test
    void streetVideo_isA768x576VideoWithoutAudio() {
        MediaInfo info = probe.probe(SampleMedia.streetVideo());
        assertThat(info.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(info.demuxer()).isEqualTo("avi");
        assertThat(info.width()).isEqualTo(768);
        assertThat(info.height()).isEqualTo(576);
        assertThat(info.duration()).isBetween(75.0, 80.0);
        assertThat(info.fps()).isGreaterThan(5);
        assertThat(info.hasAudio()).isFalse();
        assertThat(info.hdr()).isEqualTo(HdrTransfer.SDR);
    }

    @Test
    void filmExcerpt_hasAudio() {
        MediaInfo info = probe.probe(SampleMedia.filmWithAudio());
        assertThat(info.isVideo()).isTrue();
        assertThat(info.hasAudio()).isTrue();
    }

    @Test
    void cameraPhoto_isAPhotoWithItsCaptureTime() {
        MediaInfo info = probe.probe(SampleMedia.groupPhoto(1));
        assertThat(info.kind()).isEqualTo(MediaKind.PHOTO);
        assertThat(info.codec()).isEqualTo("mjpeg");
        assertThat(info.width()).isPositive();
        assertThat(info.duration()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegOrientation_isReadFromExif_andUprightSizeFollowsIt(int orientation, @TempDir Path dir) {
        MediaInfo info = probe.probe(TestMedia.quadrantPhoto(dir, 160, 96, orientation));
        assertThat(info.orientation().exifValue()).isEqualTo(orientation);
        assertThat(info.uprightWidth()).isEqualTo(160);
        assertThat(info.uprightHeight()).isEqualTo(96);
    }

    @Test
    void orientationSetPortrait6_isTaggedAndUprightIsPortrait(@TempDir Path dir) {
        MediaInfo info = probe.probe(TestMedia.resource("exif/Portrait_6.jpg", dir));
        assertThat(info.orientation()).isEqualTo(Orientation.ROTATE_90_CW);
        assertThat(info.uprightHeight()).isGreaterThan(info.uprightWidth());
    }

    @Test
    void videoTaggedRotate90_hasSwappedUprightSize(@TempDir Path dir) {
        Path video = TestMedia.rotated(TestMedia.video(dir, "v.mp4", 160, 90, 0.5, false), dir.resolve("r.mp4"), 90);
        MediaInfo info = probe.probe(video);
        assertThat(info.rotation() % 180).isEqualTo(90);
        assertThat(info.uprightWidth()).isEqualTo(90);
        assertThat(info.uprightHeight()).isEqualTo(160);
    }

    @Test
    void anamorphicVideo_hasItsPixelAspect_andASquarePixelUprightSize(@TempDir Path dir) {
        Path video = dir.resolve("anamorphic.mp4");
        TestMedia.ffmpeg().ffmpeg(java.util.List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=240x180:rate=30:duration=0.5",
                "-vf", "setsar=4/3", "-c:v", "libx264", "-preset", "ultrafast", "-y", video.toString()), TestMedia.LIMIT);
        MediaInfo info = probe.probe(video);
        assertThat(info.pixelAspect()).isCloseTo(4.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(info.uprightWidth()).isEqualTo(320);
        assertThat(info.uprightHeight()).isEqualTo(180);
    }

    @Test
    void heic_isDecodedThroughHeifConvert(@TempDir Path dir) {
        assertThat(probe.heicDecoder()).as(HeicDecoder.NOT_FOUND).isPresent();
        Path heic = TestMedia.resource("test-documents/IMG_1034.heic", dir);
        assertThat(HeicDecoder.isHeic(heic)).isTrue();
        MediaInfo info = probe.probe(heic);
        assertThat(info.isHeic()).isTrue();
        assertThat(info.kind()).isEqualTo(MediaKind.PHOTO);
        assertThat(info.width() * (long) info.height()).isEqualTo(4032L * 3024L);
    }

    @Test
    void heic_withoutHeifConvert_isUnsupported(@TempDir Path dir) {
        MediaProbe withoutDecoder = new MediaProbe(probe.runner(), null);
        Path heic = TestMedia.resource("test-documents/testHEIF.heic", dir);
        assertThatThrownBy(() -> withoutDecoder.probe(heic)).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("layers/ffmpeg");
    }

    @Test
    void missingFile_isMediaNotFound(@TempDir Path dir) {
        assertThatThrownBy(() -> probe.probe(dir.resolve("nope.jpg"))).isInstanceOf(MediaNotFoundException.class);
    }

    @Test
    void textFile_isUndecodable(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("holiday.jpg"), "not a picture at all");
        assertThatThrownBy(() -> probe.probe(text)).isInstanceOf(UndecodableMediaException.class);
    }

    @Test
    void truncatedVideo_isUndecodable(@TempDir Path dir) throws Exception {
        Path video = TestMedia.video(dir, "v.mp4", 160, 90, 1, false);
        byte[] bytes = Files.readAllBytes(video);
        Path truncated = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(bytes, 200));
        assertThatThrownBy(() -> probe.probe(truncated)).isInstanceOf(UndecodableMediaException.class);
    }
}
