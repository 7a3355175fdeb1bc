package ichibyo.core.media.exceptions;

import java.time.Duration;

/** ffmpeg or ffprobe ran past its time limit and was killed. */
public final class FfmpegTimeoutException extends FfmpegException {
    public FfmpegTimeoutException(String tool, Duration limit, String stderrTail) {
        super(tool + " ran longer than " + limit.toMillis() + " ms and was killed", stderrTail);
    }
}
