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
 * the FFmpeg layer's {@code heif-convert} (libheif 1.15 from Debian bookworm, with its own libraries and
 * loader: {@code layers/ffmpeg/heif}), found like ffmpeg by {@link FfmpegBinaries#locateHeifConvert()},
 * into a JPEG that ffmpeg reads instead. heif-convert applies
 * the HEIF rotation and mirroring itself and writes EXIF orientation 1, so the JPEG is upright.
 * Without heif-convert a HEIC photo is refused with {@link UnsupportedMediaException}, never
 * rendered as a corrupt frame.
 */
public final class HeicDecoder {
    /** HEIF brands after {@code ftyp}: still images and image sequences. */
    private static final Set<String> BRANDS = Set.of("heic", "heix", "heim", "heis", "mif1", "msf1", "hevc", "hevx");
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);
    /** Why a HEIC photo is refused when {@link #locate()} finds nothing. */
    public static final String NOT_FOUND = "no heif-convert beside ffmpeg (the FFmpeg layer carries it:"
            + " build it with `./mvnw -pl layers/ffmpeg package`, or set HEIF_CONVERT_PATH)";

    private final Path heifConvert;

    public HeicDecoder(Path heifConvert) {
        this.heifConvert = heifConvert;
    }

    /** The FFmpeg layer's heif-convert ({@link FfmpegBinaries#locateHeifConvert()}); null if there is none. */
    public static HeicDecoder locate() {
        return FfmpegBinaries.locateHeifConvert().map(HeicDecoder::new).orElse(null);
    }

    /** The heif-convert this decoder runs. */
    public Path program() {
        return heifConvert;
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
