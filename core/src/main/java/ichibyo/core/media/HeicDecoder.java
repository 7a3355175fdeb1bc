package ichibyo.core.media;

import ichibyo.core.media.exceptions.FfmpegException;
import ichibyo.core.media.exceptions.UndecodableMediaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * HEIC/HEIF photos (what iPhones take): the static ffmpeg cannot read them, so they are decoded by
 * {@code heif-convert} (Debian package {@code libheif-examples}, installed by scripts/setup; in a
 * task image install the same package) into a JPEG that ffmpeg reads instead. heif-convert applies
 * the HEIF rotation and mirroring itself and writes EXIF orientation 1, so the JPEG is upright.
 * Without heif-convert a HEIC photo is refused with {@link UnsupportedMediaException}, never
 * rendered as a corrupt frame.
 */
public final class HeicDecoder {
    /** HEIF brands after {@code ftyp}: still images and image sequences. */
    private static final Set<String> BRANDS = Set.of("heic", "heix", "heim", "heis", "mif1", "msf1", "hevc", "hevx");
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    private final Path heifConvert;

    public HeicDecoder(Path heifConvert) {
        this.heifConvert = heifConvert;
    }

    /** heif-convert from {@code HEIF_CONVERT_PATH}, else from PATH; null if neither has it. */
    public static HeicDecoder locate() {
        String configured = System.getenv("HEIF_CONVERT_PATH");
        if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
            return new HeicDecoder(Path.of(configured));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "heif-convert"))) {
                return new HeicDecoder(Path.of(dir, "heif-convert"));
            }
        }
        return null;
    }

    /** Whether a file is HEIF by its magic: a {@code ftyp} box with a HEIF brand. */
    public static boolean isHeic(Path file) {
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 12) < 12) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return "ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1))
                && BRANDS.contains(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
    }

    /**
     * Decodes the primary image of {@code heic} to an upright JPEG in {@code outputDir}.
     *
     * @throws UndecodableMediaException when heif-convert cannot decode it
     */
    public Path decodeToJpeg(Path heic, Path outputDir) {
        try {
            Files.createDirectories(outputDir);
            Path jpeg = Files.createTempFile(outputDir, "heic-", ".jpg");
            FfmpegRunner.run("heif-convert", List.of(heifConvert.toString(), "--quiet", "-q", "92",
                    heic.toAbsolutePath().toString(), jpeg.toString()), TIME_LIMIT);
            if (Files.size(jpeg) == 0) {
                // A file with several top-level images is written as name-1.jpg, name-2.jpg, …: the first is the primary.
                Path first = jpeg.resolveSibling(jpeg.getFileName().toString().replace(".jpg", "-1.jpg"));
                if (!Files.isRegularFile(first)) {
                    throw new UndecodableMediaException("heif-convert wrote no picture for " + heic);
                }
                Files.move(first, jpeg, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return jpeg;
        } catch (FfmpegException e) {
            throw new UndecodableMediaException("heif-convert cannot decode " + heic + ": " + e.stderrTail(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
