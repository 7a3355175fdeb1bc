package ichibyo.core.render;

import static ichibyo.core.TestMedia.GREEN;
import static ichibyo.core.TestMedia.RED;
import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.TestMedia;
import ichibyo.core.render.internal.Framing;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crop to the movie's aspect keeps what matters in the frame. */
class FramingRenderTest {
    private static final Output SMALL = new Output(Aspect.LANDSCAPE, 180, 30, EditionStyle.MONTHLY);
    /** A red square 36 px wide shows as about 1300 pixels; a few stray ones are encoder noise. */
    private static final int VISIBLE = 600;

    @TempDir
    static Path media;
    /** 32:9, a red square near the right edge. */
    static Path wideWithRedOnTheRight;
    /** 32:9, red near the left edge and green near the right. */
    static Path wideWithRedAndGreen;

    private final MovieRenderer renderer = MovieRenderer.local();

    @BeforeAll
    static void makeMedia() {
        wideWithRedOnTheRight = TestMedia.markedPicture(media, "right.png", 640, 180, new double[][] {{0.85, 0.5}}, new int[] {RED});
        wideWithRedAndGreen = TestMedia.markedPicture(media, "both.png", 640, 180,
                new double[][] {{0.08, 0.5}, {0.92, 0.5}}, new int[] {RED, GREEN});
    }

    @Test
    void crop_aroundTheFocusPoint_keepsItInTheFrame(@TempDir Path dir) {
        Clip focused = Clip.photo(wideWithRedOnTheRight.toString(), KenBurns.STILL).withFocus(new FocusPoint(0.85, 0.5), null);
        Clip centred = Clip.photo(wideWithRedOnTheRight.toString(), KenBurns.STILL);

        assertThat(TestMedia.countNear(frame(focused, dir), RED, 60)).isGreaterThan(VISIBLE);
        assertThat(TestMedia.countNear(frame(centred, dir), RED, 60)).isLessThan(50);
    }

    @Test
    void crop_thatWouldCutTheKeptRegion_showsTheWholePictureOverABlurredFill(@TempDir Path dir) {
        Region bothMarks = new Region(0.03, 0.3, 0.94, 0.4);
        Clip clip = Clip.photo(wideWithRedAndGreen.toString(), KenBurns.STILL).withFocus(FocusPoint.CENTRE, bothMarks);

        BufferedImage frame = frame(clip, dir);

        // Shown whole at half size, each square is about a quarter as many pixels.
        assertThat(TestMedia.countNear(frame, RED, 60)).isGreaterThan(VISIBLE / 4);
        assertThat(TestMedia.countNear(frame, GREEN, 60)).isGreaterThan(VISIBLE / 4);
        assertThat(frame.getWidth()).isEqualTo(320);
    }

    @Test
    void keptRegionThatFits_slidesTheCropToTakeItIn(@TempDir Path dir) {
        Region red = new Region(0.8, 0.3, 0.1, 0.4);
        Clip clip = Clip.photo(wideWithRedOnTheRight.toString(), KenBurns.STILL).withFocus(FocusPoint.CENTRE, red);

        assertThat(TestMedia.countNear(frame(clip, dir), RED, 60)).isGreaterThan(VISIBLE);
    }

    @Test
    void kenBurns_zoomsFromTheWholeFrameIntoTheGivenRectangle(@TempDir Path dir) {
        Path picture = TestMedia.markedPicture(dir, "16x9.png", 640, 360, new double[][] {{0.75, 0.5}}, new int[] {RED});
        KenBurns intoRed = new KenBurns(Region.WHOLE, new Region(0.6, 0.35, 0.3, 0.3));
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(Clip.photo(picture.toString(), intoRed).withDuration(1.0)));
        Path movie = renderer.render(plan, dir.resolve("kb.mp4")).output();

        int redAtStart = TestMedia.countNear(TestMedia.frameAt(movie, 0), RED, 60);
        int redAtEnd = TestMedia.countNear(TestMedia.frameAt(movie, 0.95), RED, 60);

        // A third of the width at the end: the square is about nine times larger.
        assertThat(redAtEnd).isGreaterThan(5 * redAtStart);
    }

    @Test
    void kenBurns_movesOneWayEveryFrame_withoutJudder(@TempDir Path dir) {
        // A slow move at HD size, where rounding to whole input pixels (as zoompan does) shows as judder.
        Path picture = TestMedia.markedPicture(dir, "marker.png", 1920, 1080, new double[][] {{0.22, 0.3}}, new int[] {TestMedia.WHITE});
        KenBurns slowZoom = KenBurns.zoomInto(FocusPoint.CENTRE, 1.12);
        Output hd = new Output(Aspect.LANDSCAPE, 720, 30, EditionStyle.MONTHLY);
        RenderPlan plan = RenderPlan.of(hd, null, null, null, List.of(Clip.photo(picture.toString(), slowZoom).withDuration(1.5)));
        Path movie = renderer.render(plan, dir.resolve("move.mp4")).output();

        byte[] grey = TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-i", movie.toString(), "-f", "rawvideo", "-pix_fmt", "gray", "-"),
                TestMedia.LIMIT).stdout();
        int frameBytes = 1280 * 720;
        double previous = Double.MAX_VALUE;
        for (int f = 0; f < grey.length / frameBytes; f++) {
            double sum = 0;
            int count = 0;
            for (int p = 0; p < frameBytes; p++) {
                if ((grey[f * frameBytes + p] & 0xFF) > 180) {
                    sum += p % 1280;
                    count++;
                }
            }
            double centre = sum / count;
            // The marker, left of the centre, slides left as the frame zooms in: never back.
            assertThat(centre).as("marker centre in frame %d", f).isLessThanOrEqualTo(previous + 0.2);
            previous = centre;
        }
    }

    @Test
    void anamorphicVideo_keepsItsShape(@TempDir Path dir) throws Exception {
        // Stored 240×180 with 4:3 pixels, shown 320×180: a 30×40 stored rectangle is a 40×40 square.
        java.awt.image.BufferedImage squeezed = new java.awt.image.BufferedImage(240, 180, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = squeezed.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(105, 70, 30, 40);
        g.dispose();
        Path png = dir.resolve("squeezed.png");
        javax.imageio.ImageIO.write(squeezed, "png", png.toFile());
        Path video = dir.resolve("anamorphic.mp4");
        TestMedia.ffmpeg().ffmpeg(List.of("-v", "error", "-loop", "1", "-i", png.toString(), "-t", "1", "-vf", "setsar=4/3",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", video.toString()), TestMedia.LIMIT);

        BufferedImage frame = frame(Clip.video(video.toString(), 0), dir);

        int[] box = brightBox(frame);
        assertThat((double) box[0] / box[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.1));
    }

    /** Width and height of the bounding box of the bright pixels. */
    private static int[] brightBox(BufferedImage image) {
        int minX = Integer.MAX_VALUE, maxX = -1, minY = Integer.MAX_VALUE, maxY = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) > 180 && ((image.getRGB(x, y) >> 16) & 0xFF) > 180) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return new int[] {maxX - minX + 1, maxY - minY + 1};
    }

    @Test
    void framing_ofAPortraitInALandscapeFrame_cropsTopAndBottomAroundTheFocus() {
        Framing framing = Framing.of(600, 800, 16.0 / 9, new FocusPoint(0.5, 0.2), null);
        assertThat(framing.fill()).isFalse();
        assertThat(framing.region().width()).isEqualTo(1.0);
        assertThat(framing.region().y()).isZero();
        assertThat(framing.region().height()).isCloseTo(600 / (16.0 / 9) / 800, org.assertj.core.data.Offset.offset(1e-9));
    }

    private BufferedImage frame(Clip clip, Path dir) {
        RenderPlan plan = RenderPlan.of(SMALL, null, null, null, List.of(clip.withDuration(0.3)));
        return TestMedia.frameAt(renderer.render(plan, dir.resolve("f" + System.nanoTime() + ".mp4")).output(), 0.1);
    }
}
