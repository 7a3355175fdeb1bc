package ichibyo.core.media.exceptions;

/** Neither the environment, {@code /opt/bin} nor the local layer build provides ffmpeg and ffprobe. */
public final class FfmpegNotFoundException extends IllegalStateException {
    public FfmpegNotFoundException(String message) {
        super(message);
    }
}
