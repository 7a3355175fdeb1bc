package ichibyo.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What ffprobe and ffmpeg say about a rendered file: the tests assert on these, not on commands. */
public record RenderedMovie(Path file, JsonNode video, JsonNode audio, JsonNode format) {
    public static RenderedMovie of(Path file) {
        try {
            JsonNode root = Json.mapper().readTree(TestMedia.ffmpeg().ffprobe(List.of("-v", "error", "-count_frames",
                    "-show_format", "-show_streams", "-of", "json", file.toString()), TestMedia.LIMIT).stdout());
            JsonNode video = null, audio = null;
            for (JsonNode s : root.path("streams")) {
                if ("video".equals(s.path("codec_type").asText()) && video == null) {
                    video = s;
                } else if ("audio".equals(s.path("codec_type").asText()) && audio == null) {
                    audio = s;
                }
            }
            return new RenderedMovie(file, video, audio, root.path("format"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int width() {
        return video.path("width").asInt();
    }

    public int height() {
        return video.path("height").asInt();
    }

    String frameRate() {
        return video.path("r_frame_rate").asText();
    }

    public int frames() {
        return video.path("nb_read_frames").asInt();
    }

    public double videoDuration() {
        return video.path("duration").asDouble();
    }

    public double audioDuration() {
        return audio.path("duration").asDouble();
    }

    /** Mean volume of the whole soundtrack in dB (about -91 for digital silence). */
    public double meanVolume() {
        String log = TestMedia.ffmpeg().ffmpeg(List.of("-v", "info", "-nostats", "-i", "file:" + file.toAbsolutePath(),
                "-map", "0:a", "-af", "volumedetect", "-f", "null", "-"), TestMedia.LIMIT).stderrTail();
        Matcher m = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB").matcher(log);
        if (!m.find()) {
            throw new AssertionError("no volumedetect result in:\n" + log);
        }
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    /** Whether the first bytes hold the moov atom before mdat (faststart). */
    public boolean isFastStart() {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            int moov = text.indexOf("moov");
            return moov >= 0 && (text.indexOf("mdat") < 0 || moov < text.indexOf("mdat"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
