package ichibyo.core;

import ichibyo.core.media.FfmpegRunner;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Test media: tiny media made at test time (lavfi sources, Java2D), the sets that ship inside
 * test-scoped jars (EXIF orientation, HEIC), and frames decoded back to pixels. The real-world
 * sample photos and videos are {@link ichibyo.samples.SampleMedia}'s.
 */
public final class TestMedia {
    public static final Duration LIMIT = Duration.ofSeconds(60);
    public static final int RED = 0xFF0000, GREEN = 0x00FF00, BLUE = 0x0000FF, WHITE = 0xFFFFFF;

    private TestMedia() {}

    public static FfmpegRunner ffmpeg() {
        return FfmpegRunner.local();
    }

    /** An MP4 of testsrc2 (H.264), with a 440 Hz tone when {@code audio}. */
    public static Path video(Path dir, String name, int width, int height, double seconds, boolean audio) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-v", "error", "-f", "lavfi", "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=30:duration=" + seconds));
        if (audio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + seconds));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        if (audio) {
            args.addAll(List.of("-c:a", "aac"));
        }
        args.addAll(List.of("-y", out.toString()));
        ffmpeg().ffmpeg(args, LIMIT);
        return out;
    }

    /** A tone as an M4A file, for music. */
    public static Path tone(Path dir, String name, double seconds) {
        Path out = dir.resolve(name);
        ffmpeg().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100:duration=" + seconds,
                "-c:a", "aac", "-y", out.toString()), LIMIT);
        return out;
    }

    /** A stream copy of {@code video} whose display matrix says: turn {@code degrees} to show it. */
    public static Path rotated(Path video, Path out, int degrees) {
        ffmpeg().ffmpeg(List.of("-v", "error", "-i", "file:" + video.toAbsolutePath(), "-c", "copy",
                "-metadata:s:v:0", "rotate=" + degrees, "-y", out.toString()), LIMIT);
        return out;
    }

    /**
     * A JPEG that, shown upright, has a red top-left quadrant, green top-right, blue bottom-left and
     * white bottom-right; its pixels are stored turned as EXIF {@code orientation} says (1–8), and it
     * is tagged with it. Upright it is {@code width}×{@code height}.
     */
    public static Path quadrantPhoto(Path dir, int width, int height, int orientation) {
        boolean swap = orientation >= 5;
        int sw = swap ? height : width;
        int sh = swap ? width : height;
        BufferedImage stored = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int[] up = displayed(orientation, x, y, sw, sh);
                boolean left = up[0] < width / 2;
                boolean top = up[1] < height / 2;
                stored.setRGB(x, y, top ? (left ? RED : GREEN) : (left ? BLUE : WHITE));
            }
        }
        try {
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(stored, "jpg", jpeg);
            Path out = dir.resolve("quadrants-" + orientation + ".jpg");
            Files.write(out, withExifOrientation(jpeg.toByteArray(), orientation));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where stored pixel (x, y) shows, for an EXIF orientation (stored size w×h). */
    static int[] displayed(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> new int[] {w - 1 - x, y};
            case 3 -> new int[] {w - 1 - x, h - 1 - y};
            case 4 -> new int[] {x, h - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {h - 1 - y, x};
            case 7 -> new int[] {h - 1 - y, w - 1 - x};
            case 8 -> new int[] {y, w - 1 - x};
            default -> new int[] {x, y};
        };
    }

    /** Inserts an APP1 EXIF segment holding only the orientation tag right after the JPEG's SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] app1 = {
            (byte) 0xFF, (byte) 0xE1, 0, 34,                 // APP1, length 34 (includes these 2 bytes)
            'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,                     // big-endian TIFF header, IFD0 at 8
            0, 1,                                            // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0                                       // no next IFD
        };
        byte[] out = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1, 0, out, 2, app1.length);
        System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
        return out;
    }

    /** {@code exif/Landscape_0.jpg} … {@code exif/Portrait_8.jpg} (twelvemonkeys imageio-jpeg tests). */
    public static Path orientationPhoto(String shape, int orientation) {
        return resource("exif/" + shape + "_" + orientation + ".jpg");
    }

    /** A real iPhone 8 HEIC, 4032×3024 (Apache Tika's test documents). */
    public static Path iphoneHeic() {
        return resource("test-documents/IMG_1034.heic");
    }

    /** A test resource from a jar on the classpath, copied once to a temporary directory of this JVM. */
    public static Path resource(String name) {
        synchronized (TestMedia.class) {
            try {
                if (resources == null) {
                    resources = Files.createTempDirectory("ichibyo-test-media");
                }
                Path target = resources.resolve(name.replace('/', '_'));
                if (!Files.exists(target)) {
                    try (InputStream in = TestMedia.class.getClassLoader().getResourceAsStream(name)) {
                        if (in == null) {
                            throw new IllegalStateException(name + " is not on the test classpath");
                        }
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path resources;

    /** A test resource from a jar on the classpath (the MEDIA.md sets), copied to {@code dir}. */
    public static Path resource(String name, Path dir) {
        try (InputStream in = TestMedia.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is not on the classpath");
            }
            Path out = dir.resolve(Path.of(name).getFileName().toString());
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame of {@code video} at {@code seconds}, decoded to RGB. */
    public static BufferedImage frameAt(Path video, double seconds) {
        byte[] png = ffmpeg().ffmpeg(List.of("-v", "error", "-ss", String.valueOf(seconds), "-i", "file:" + video.toAbsolutePath(),
                "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "-"), LIMIT).stdout();
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean colour of a rectangle of an image, as {r, g, b}. */
    public static double[] meanRgb(BufferedImage image, int x0, int y0, int w, int h) {
        double r = 0, g = 0, b = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xFF;
                g += (rgb >> 8) & 0xFF;
                b += rgb & 0xFF;
            }
        }
        int n = w * h;
        return new double[] {r / n, g / n, b / n};
    }

    /** The colour (RED, GREEN, BLUE, WHITE) nearest to the mean of the centre of one quadrant. */
    public static int quadrantColour(BufferedImage image, boolean left, boolean top) {
        int w = image.getWidth() / 2, h = image.getHeight() / 2;
        double[] m = meanRgb(image, (left ? 0 : w) + w / 4, (top ? 0 : h) + h / 4, w / 2, h / 2);
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c : new int[] {RED, GREEN, BLUE, WHITE}) {
            double d = Math.pow(m[0] - ((c >> 16) & 0xFF), 2) + Math.pow(m[1] - ((c >> 8) & 0xFF), 2) + Math.pow(m[2] - (c & 0xFF), 2);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** Mean absolute difference of the grey levels of two pictures, compared on a 64×64 grid of cell means (0–255). */
    public static double difference(BufferedImage a, BufferedImage b) {
        double[] ga = greyGrid(a), gb = greyGrid(b);
        double sum = 0;
        for (int i = 0; i < ga.length; i++) {
            sum += Math.abs(ga[i] - gb[i]);
        }
        return sum / ga.length;
    }

    private static double[] greyGrid(BufferedImage image) {
        int n = 64;
        double[] grid = new double[n * n];
        for (int gy = 0; gy < n; gy++) {
            for (int gx = 0; gx < n; gx++) {
                int x0 = gx * image.getWidth() / n, x1 = Math.max(x0 + 1, (gx + 1) * image.getWidth() / n);
                int y0 = gy * image.getHeight() / n, y1 = Math.max(y0 + 1, (gy + 1) * image.getHeight() / n);
                double[] m = meanRgb(image, x0, y0, x1 - x0, y1 - y0);
                grid[gy * n + gx] = 0.299 * m[0] + 0.587 * m[1] + 0.114 * m[2];
            }
        }
        return grid;
    }

    /** Standard deviation of the grey levels: near 0 for a blank frame. */
    public static double contrast(BufferedImage image) {
        double[] g = greyGrid(image);
        double mean = java.util.Arrays.stream(g).average().orElse(0);
        return Math.sqrt(java.util.Arrays.stream(g).map(v -> (v - mean) * (v - mean)).average().orElse(0));
    }

    /** How many pixels are close to {@code rgb}. */
    public static int countNear(BufferedImage image, int rgb, int tolerance) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) <= tolerance
                        && Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) <= tolerance
                        && Math.abs((p & 0xFF) - (rgb & 0xFF)) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A PNG picture of {@code width}×{@code height}, blue, with squares of the given colours centred at the given points (fractions). */
    public static Path markedPicture(Path dir, String name, int width, int height, double[][] marks, int[] colours) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0x2040A0));
        g.fillRect(0, 0, width, height);
        int side = height / 5;
        for (int i = 0; i < marks.length; i++) {
            g.setColor(new java.awt.Color(colours[i]));
            g.fillRect((int) (marks[i][0] * width) - side / 2, (int) (marks[i][1] * height) - side / 2, side, side);
        }
        g.dispose();
        try {
            Path out = dir.resolve(name);
            ImageIO.write(image, "png", out.toFile());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
