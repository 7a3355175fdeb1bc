package ichibyo.core.render;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.render.internal.FilterText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The poster of a rendered movie: one JPEG frame from its middle (past the title, usually a moment of
 * its own), at the movie's size. Delivery shows it before the movie plays.
 */
public final class PosterFrame {
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    private PosterFrame() {}

    /**
     * Writes the frame at half of {@code durationSeconds} of {@code movie} to {@code jpeg} (overwritten).
     *
     * @throws ichibyo.core.media.exceptions.FfmpegFailedException the movie cannot be read
     */
    public static Path extract(FfmpegRunner ffmpeg, Path movie, double durationSeconds, Path jpeg) {
        MediaLocation in = MediaLocation.of(movie);
        // Input seeking lands on the keyframe before the middle and decodes up to it: exact and quick.
        ffmpeg.ffmpeg(List.of("-nostats", "-v", "error",
                "-ss", FilterText.num(Math.max(0, durationSeconds / 2)),
                "-protocol_whitelist", in.protocolWhitelist(), "-f", "mp4", "-i", in.ffmpegUrl(),
                "-frames:v", "1", "-q:v", "3", "-f", "image2", "-c:v", "mjpeg", "-y", jpeg.toAbsolutePath().toString()), TIME_LIMIT);
        return jpeg;
    }
}
