package ichibyo.core.media.exceptions;

/** ffmpeg or ffprobe exited with a non-zero status (or could not be started). */
public final class FfmpegFailedException extends FfmpegException {
    private final int exitCode;

    public FfmpegFailedException(String tool, int exitCode, String stderrTail) {
        super(tool + " failed with exit code " + exitCode, stderrTail);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
