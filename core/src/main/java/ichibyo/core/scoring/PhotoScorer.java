package ichibyo.core.scoring;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Scores a JPEG or PNG photo in-process: the size from the header is checked before anything is
 * decoded, the picture is decoded subsampled (about 1000 px), turned upright, scaled to 512 px for
 * faces and quality, and to 320 px for the thumbnail.
 */
public final class PhotoScorer {
    /** The long edge of the picture faces and quality are measured on. */
    public static final int ANALYSIS_LONG_EDGE = 512;

    private final FaceDetector faces;
    private final MediaLimits limits;

    public PhotoScorer(FaceDetector faces, MediaLimits limits) {
        this.faces = faces;
        this.limits = limits;
    }

    /**
     * @param file       a JPEG or PNG (HEIC is converted to JPEG first, see {@link MediaScorer})
     * @param container  its container, from {@link Container#of(Path)}
     * @param uploadedAt the taken-at time when the file has none
     */
    public ScoredMedia score(Path file, Container container, Instant uploadedAt) {
        PhotoMetadata metadata = container == Container.HEIF ? new PhotoMetadata(1, null) : PhotoMetadata.read(file);
        Decoded decoded = decode(file, container == Container.PNG ? "png" : "jpeg");
        RgbImage upright = Upright.apply(RgbImage.of(Pictures.fitWithin(decoded.image, ANALYSIS_LONG_EDGE)),
                metadata.orientation());
        MediaScores scores = MediaScores.photo(FaceScores.of(faces.detect(upright)), PictureQuality.of(upright));
        boolean swap = Upright.swapsSides(metadata.orientation());
        TakenAt takenAt = metadata.takenAt() != null ? metadata.takenAt() : TakenAt.upload(uploadedAt);
        return new ScoredMedia(container, swap ? decoded.height : decoded.width, swap ? decoded.width : decoded.height,
                metadata.orientation(), 0, null, null, container.name().toLowerCase(java.util.Locale.ROOT), null, false,
                takenAt, scores, Pictures.thumbnail(upright), null).withPerceptualHash(PerceptualHash.of(upright));
    }

    private record Decoded(BufferedImage image, int width, int height) {}

    private Decoded decode(Path file, String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new MediaRejectedException(RejectReason.UNSUPPORTED, "no " + format + " decoder");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new MediaRejectedException(RejectReason.NOT_MEDIA, "unreadable " + format + " header: " + e.getMessage(), e);
            }
            // Before decoding: a small file can declare a huge picture (a decompression bomb).
            limits.checkPixels(width, height);
            AtomicReference<String> warning = new AtomicReference<>();
            reader.addIIOReadWarningListener((source, message) -> warning.compareAndSet(null, message));
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / (2 * ANALYSIS_LONG_EDGE));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image;
            try {
                image = reader.read(0, param);
            } catch (IIOException e) {
                // The JDK decoder refuses CMYK and some other valid JPEGs as "Unsupported Image Type".
                RejectReason reason = String.valueOf(e.getMessage()).contains("Unsupported") ? RejectReason.UNSUPPORTED : RejectReason.TRUNCATED;
                throw new MediaRejectedException(reason, format + " data cannot be decoded: " + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                throw new MediaRejectedException(RejectReason.UNSUPPORTED, format + " cannot be decoded here: " + e.getMessage(), e);
            }
            if (warning.get() != null) {
                throw new MediaRejectedException(RejectReason.TRUNCATED, format + " data is damaged: " + warning.get());
            }
            return new Decoded(image, width, height);
        } catch (IOException e) {
            throw new MediaRejectedException(RejectReason.TRUNCATED, "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
