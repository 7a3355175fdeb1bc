package ichibyo.core.render;

import static ichibyo.core.TestMedia.BLUE;
import static ichibyo.core.TestMedia.GREEN;
import static ichibyo.core.TestMedia.RED;
import static ichibyo.core.TestMedia.WHITE;
import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.TestMedia;
import ichibyo.core.media.MediaKind;
import ichibyo.samples.SampleMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every photo and video comes out upright, whatever its EXIF orientation or display matrix says. */
class OrientationRenderTest {
    private static final Output SMALL = new Output(Aspect.LANDSCAPE, 180, 30, EditionStyle.MONTHLY);

    private final MovieRenderer renderer = MovieRenderer.local();

    @ParameterizedTest(name = "EXIF orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void photoTaggedWithAnyOrientation_showsRedAtTheTopLeft(int orientation, @TempDir Path dir) {
        Path photo = TestMedia.quadrantPhoto(dir, 320, 180, orientation);

        BufferedImage frame = firstFrame(Clip.photo(photo.toString(), KenBurns.STILL), SMALL, dir);

        assertThat(quadrants(frame)).containsExactly(RED, GREEN, BLUE, WHITE);
    }

    @Test
    void photoWithOrientationGivenInThePlan_usesThePlansOrientation(@TempDir Path dir) {
        // Stored turned as orientation 6 says, but the tag is stripped: the plan knows better.
        Path tagged = TestMedia.quadrantPhoto(dir, 320, 180, 6);
        Path untagged = dir.resolve("untagged.jpg");
        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-i", tagged.toString(), "-map_metadata", "-1", "-y", untagged.toString()),
                TestMedia.LIMIT);
        Clip clip = new Clip(MediaKind.PHOTO, untagged.toString(), null, null, KenBurns.STILL, 6, null, null);

        assertThat(quadrants(firstFrame(clip, SMALL, dir))).containsExactly(RED, GREEN, BLUE, WHITE);
    }

    @ParameterizedTest(name = "Landscape_{0}.jpg")
    @ValueSource(ints = {0, 2, 3, 4, 5, 6, 7, 8})
    void orientationSetLandscape_looksLikeTheUprightOne(int n, @TempDir Path dir) {
        assertLooksUpright("Landscape", n, SMALL, dir);
    }

    @ParameterizedTest(name = "Portrait_{0}.jpg")
    @ValueSource(ints = {0, 2, 3, 4, 5, 6, 7, 8})
    void orientationSetPortrait_looksLikeTheUprightOne(int n, @TempDir Path dir) {
        assertLooksUpright("Portrait", n, new Output(Aspect.PORTRAIT, 180, 30, EditionStyle.MONTHLY), dir);
    }

    /**
     * A phone stores a portrait video sideways and says how to turn it in the display matrix. This
     * ffmpeg writes {@code -metadata:s:v:0 rotate=90} as a quarter turn counter-clockwise (ffprobe
     * "rotation: 90", exiftool "Rotation: 270"), so the stored picture is the upright one turned
     * clockwise — what EXIF orientation 8 stores; and {@code rotate=270} the other way round.
     */
    @ParameterizedTest(name = "rotate={0}")
    @ValueSource(ints = {90, 270})
    void videoWithDisplayRotation_showsRedAtTheTopLeft(int rotate, @TempDir Path dir) {
        Path sideways = TestMedia.quadrantPhoto(dir, 180, 320, rotate == 90 ? 8 : 6);
        Path stored = dir.resolve("stored.mp4");
        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-loop", "1", "-i", sideways.toString(), "-t", "1", "-r", "30",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", stored.toString()), TestMedia.LIMIT);
        Path tagged = TestMedia.rotated(stored, dir.resolve("tagged.mp4"), rotate);

        BufferedImage frame = firstFrame(Clip.video(tagged.toString(), 0), new Output(Aspect.PORTRAIT, 180, 30, EditionStyle.MONTHLY), dir);

        assertThat(quadrants(frame)).containsExactly(RED, GREEN, BLUE, WHITE);
    }

    @Test
    void streetVideoTaggedRotate90_isShownTurnedAsTheTagSays(@TempDir Path dir) {
        // vtest.avi is MS-MPEG4, which MP4 cannot hold: take a few seconds to H.264 first, then tag a stream copy.
        Path street = dir.resolve("street.mp4");
        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-t", "3", "-i", "file:" + SampleMedia.streetVideo(),
                "-c:v", "libx264", "-preset", "ultrafast", "-y", street.toString()), TestMedia.LIMIT);
        Path tagged = TestMedia.rotated(street, dir.resolve("street-rotate90.mp4"), 90);
        Output square = new Output(Aspect.SQUARE, 288, 25, EditionStyle.MONTHLY);

        BufferedImage rendered = firstFrame(Clip.video(tagged.toString(), 1).withDuration(0.4), square, dir);
        BufferedImage original = firstFrame(Clip.video(street.toString(), 1).withDuration(0.4), square, dir);

        // Both square crops are the centre, so the tagged one is the original's frame turned a quarter.
        BufferedImage turned = turnClockwise(turnClockwise(turnClockwise(original)));
        assertThat(TestMedia.difference(rendered, turned)).isLessThan(TestMedia.difference(rendered, original) / 3);
        assertThat(TestMedia.difference(rendered, turned)).isLessThan(8);
    }

    private void assertLooksUpright(String set, int n, Output output, Path dir) {
        BufferedImage upright = firstFrame(Clip.photo(TestMedia.resource("exif/" + set + "_1.jpg", dir).toString(), KenBurns.STILL), output, dir);
        BufferedImage rendered = firstFrame(Clip.photo(TestMedia.resource("exif/" + set + "_" + n + ".jpg", dir).toString(), KenBurns.STILL), output, dir);
        BufferedImage upsideDown = turnClockwise(turnClockwise(upright));

        double difference = TestMedia.difference(rendered, upright);
        // Only the big digit in the middle differs between the files of the set.
        assertThat(difference).isLessThan(12);
        assertThat(difference).isLessThan(TestMedia.difference(rendered, upsideDown) / 2);
    }

    private BufferedImage firstFrame(Clip clip, Output output, Path dir) {
        RenderPlan plan = RenderPlan.of(output, null, null, null, List.of(clip.withDuration(clip.duration() == null ? 0.3 : clip.duration())));
        Path movie = renderer.render(plan, dir.resolve("frame-" + System.nanoTime() + ".mp4")).output();
        return TestMedia.frameAt(movie, 0.1);
    }

    private static List<Integer> quadrants(BufferedImage frame) {
        return List.of(TestMedia.quadrantColour(frame, true, true), TestMedia.quadrantColour(frame, false, true),
                TestMedia.quadrantColour(frame, true, false), TestMedia.quadrantColour(frame, false, false));
    }

    private static BufferedImage turnClockwise(BufferedImage image) {
        BufferedImage turned = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                turned.setRGB(image.getHeight() - 1 - y, x, image.getRGB(x, y));
            }
        }
        return turned;
    }
}
