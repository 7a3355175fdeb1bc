package ichibyo.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Real-world photos and videos made by others, installed from packages by {@code scripts/setup}
 * (Maven runs it before the tests). The demo and the tests use them; nothing here is committed.
 */
public final class SampleMedia {
    private static final Path OPENCV = Path.of("/usr/share/doc/opencv-doc/examples/data");

    private SampleMedia() {}

    /** People in a street: 768×576 MPEG-4 video, 79 s, no audio. */
    public static Path streetVideo() {
        return require(OPENCV.resolve("vtest.avi"));
    }

    /** A film excerpt with AC3 audio, 11 s. */
    public static Path filmWithAudio() {
        return require(OPENCV.resolve("Megamind.avi"));
    }

    /** A football player: one face, action. */
    public static Path footballPhoto() {
        return require(OPENCV.resolve("messi5.jpg"));
    }

    /** A portrait with one face (public domain). */
    public static Path portrait() {
        return require(Path.of("/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"));
    }

    /** Camera group photos, 1920 px, 1–5 faces, with EXIF: {@code n} from 1 to 6. */
    public static Path groupPhoto(int n) {
        if (n < 1 || n > 6) {
            throw new IllegalArgumentException("group photos are numbered 1 to 6, not " + n);
        }
        return require(mediaDir().resolve("face-api/sample" + n + ".jpg"));
    }

    public static List<Path> groupPhotos() {
        return IntStream.rangeClosed(1, 6).mapToObj(SampleMedia::groupPhoto).toList();
    }

    /** Old camera JPEGs with odd EXIF (Go's goexif samples). */
    public static Path exifSamplesDir() {
        return require(Path.of("/usr/share/gocode/src/github.com/rwcarlsen/goexif/exif/samples"));
    }

    /** Where scripts/setup puts media from npm: {@code .ichibyo/media} at the repository root. */
    public static Path mediaDir() {
        String configured = System.getProperty("ichibyo.media.dir", System.getenv("ICHIBYO_MEDIA_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/setup"))) {
                return dir.resolve(".ichibyo/media");
            }
        }
        throw new IllegalStateException("cannot find the repository root (scripts/setup) above "
                + Path.of("").toAbsolutePath() + "; set ICHIBYO_MEDIA_DIR");
    }

    private static Path require(Path path) {
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw new IllegalStateException("sample media " + path + " is not installed: run scripts/setup");
        }
        return path;
    }
}
