package ichibyo.core.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Test media that ships inside test-scoped jars (EXIF orientation set, HEIC), copied to files. */
final class TestMedia {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("ichibyo-test-media");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestMedia() {}

    /** {@code exif/Landscape_0.jpg} … {@code exif/Portrait_8.jpg} (twelvemonkeys imageio-jpeg tests). */
    static Path orientationPhoto(String shape, int orientation) {
        return resource("exif/" + shape + "_" + orientation + ".jpg");
    }

    /** A real iPhone 8 HEIC, 4032×3024 (Apache Tika's test documents). */
    static Path iphoneHeic() {
        return resource("test-documents/IMG_1034.heic");
    }

    static Path resource(String name) {
        Path target = DIR.resolve(name.replace('/', '_'));
        if (!Files.exists(target)) {
            try (InputStream in = TestMedia.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is not on the test classpath");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }
}
