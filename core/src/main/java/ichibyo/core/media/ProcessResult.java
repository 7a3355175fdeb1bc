package ichibyo.core.media;

import java.nio.charset.StandardCharsets;

/** What a successful ffmpeg or ffprobe run wrote: all of stdout, and the tail of stderr. */
public record ProcessResult(byte[] stdout, String stderrTail) {
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
