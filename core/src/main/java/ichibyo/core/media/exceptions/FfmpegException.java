package ichibyo.core.media.exceptions;

/** A run of ffmpeg or ffprobe that did not succeed; carries the tail of its stderr. */
public abstract class FfmpegException extends RuntimeException {
    private final String stderrTail;

    protected FfmpegException(String message, String stderrTail) {
        super(stderrTail == null || stderrTail.isBlank() ? message : message + "\n--- stderr (tail) ---\n" + stderrTail);
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    /** The last lines ffmpeg wrote to stderr: where it says what went wrong. */
    public String stderrTail() {
        return stderrTail;
    }
}
