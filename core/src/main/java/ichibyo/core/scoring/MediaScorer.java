package ichibyo.core.scoring;

import ichibyo.core.media.HeicDecoder;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.media.WorkDirs;
import ichibyo.core.media.exceptions.FfmpegTimeoutException;
import ichibyo.core.media.exceptions.UndecodableMediaException;
import ichibyo.core.media.exceptions.UnsupportedMediaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scores one uploaded file: the entry point of score-media. In order: size limit, container from
 * the first bytes (anything else is {@link RejectReason#NOT_MEDIA}, so a playlist never reaches
 * ffmpeg), then photos in-process ({@link PhotoScorer}; HEIC through heif-convert first) and
 * videos with ffprobe and ffmpeg ({@link VideoScorer}).
 *
 * <p>A file that cannot be scored throws {@link MediaRejectedException} with its reason; any other
 * exception is an infrastructure failure (a missing binary, a full disk) worth retrying.
 * Thread-safe: one instance serves all the threads of a process.
 */
public final class MediaScorer implements AutoCloseable {
    private final MediaProbe probe;
    private final FaceDetector faces;
    private final MediaLimits limits;
    private final PhotoScorer photos;
    private final VideoScorer videos;

    public MediaScorer(MediaProbe probe, FaceDetector faces, MediaLimits limits) {
        this.probe = probe;
        this.faces = faces;
        this.limits = limits;
        this.photos = new PhotoScorer(faces, limits);
        this.videos = new VideoScorer(probe.runner(), faces);
    }

    /** With the located ffmpeg and heif-convert (the FFmpeg layer's), the packaged model and default limits. */
    public static MediaScorer local() {
        return new MediaScorer(MediaProbe.local(), FaceDetector.load(), MediaLimits.DEFAULT);
    }

    /**
     * Scores a small generated photo, so the image decoders, the EXIF reader and the face model are
     * loaded and compiled before the first real file (in a Lambda's init, which SnapStart keeps).
     */
    public void warmUp() {
        Path workDir = WorkDirs.create("warm-up");
        try {
            Path file = workDir.resolve("warm-up.jpg");
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(96, 64, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            javax.imageio.ImageIO.write(image, "jpeg", file.toFile());
            score(file, Instant.EPOCH, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            WorkDirs.delete(workDir);
        }
    }

    public MediaLimits limits() {
        return limits;
    }

    /**
     * @param file       the uploaded file, on local disk
     * @param uploadedAt when it was uploaded: its taken-at time if the file has none
     * @throws MediaRejectedException when the file cannot be scored
     */
    public ScoredMedia score(Path file, Instant uploadedAt) {
        Path workDir = WorkDirs.create("score");
        try {
            return score(file, uploadedAt, workDir);
        } finally {
            WorkDirs.delete(workDir);
        }
    }

    /**
     * @param workDir a private folder for intermediate files (a decoded HEIC, a video's audio), left for
     *                the caller to delete
     */
    public ScoredMedia score(Path file, Instant uploadedAt, Path workDir) {
        try {
            limits.checkSize(Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Container container = Container.of(file);
        try {
            return switch (container) {
                case JPEG, PNG -> photos.score(file, container, uploadedAt);
                case HEIF -> heic(file, workDir, uploadedAt);
                default -> video(file, container, workDir, uploadedAt);
            };
        } catch (UnsupportedMediaException e) {
            throw new MediaRejectedException(RejectReason.UNSUPPORTED, e.getMessage(), e);
        } catch (UndecodableMediaException e) {
            // The first bytes say it is a known container, yet it cannot be read: damaged or cut short.
            throw new MediaRejectedException(RejectReason.TRUNCATED, e.getMessage(), e);
        } catch (FfmpegTimeoutException e) {
            // Generous limits (a minute plus the video's length): a file that needs more is refused, not retried.
            throw new MediaRejectedException(RejectReason.UNSUPPORTED, "decoding took too long: " + e.getMessage(), e);
        }
    }

    private ScoredMedia heic(Path file, Path workDir, Instant uploadedAt) {
        HeicDecoder decoder = probe.heicDecoder().orElseThrow(() -> new MediaRejectedException(RejectReason.UNSUPPORTED,
                "HEIC cannot be decoded here: there is " + HeicDecoder.NOT_FOUND));
        // Before heif-convert or any reader: metadata within its limit, the capture time from the bounded EXIF.
        TakenAt takenAt = PhotoMetadata.read(file, Container.HEIF, limits.maxMetadataBytes()).takenAt();
        HeifSize size = HeifSize.largest(file);
        if (size.width() > 0) {
            limits.checkPixels(size.width(), size.height()); // before heif-convert allocates anything
        }
        ScoredMedia fromJpeg = photos.score(decoder.decodeToJpeg(file, workDir), Container.JPEG, uploadedAt);
        // heif-convert writes an upright JPEG without the capture time: it comes from the HEIC's EXIF (above).
        return new ScoredMedia(Container.HEIF, fromJpeg.width(), fromJpeg.height(), 1, 0, null, null, "hevc", null, false,
                takenAt != null ? takenAt : fromJpeg.takenAt(), fromJpeg.scores(), fromJpeg.thumbnail(), null)
                .withPerceptualHash(fromJpeg.perceptualHash());
    }

    private ScoredMedia video(Path file, Container container, Path workDir, Instant uploadedAt) {
        MediaInfo info = probe.probe(file);
        if (!info.isVideo()) {
            throw new MediaRejectedException(RejectReason.UNSUPPORTED, "a " + container + " file without a video stream");
        }
        limits.checkPixels(info.width(), info.height());
        limits.checkDuration(Duration.ofMillis(Math.round(info.duration() * 1000)));
        TakenAt takenAt = info.takenAt() != null
                ? new TakenAt(info.takenAt(), null, TakenAt.Source.CONTAINER)
                : TakenAt.upload(uploadedAt);
        return videos.score(file, container, info, takenAt, workDir);
    }

    @Override
    public void close() {
        faces.close();
    }
}
