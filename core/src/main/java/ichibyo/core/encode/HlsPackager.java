package ichibyo.core.encode;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Packages verified outputs as HLS: each by stream copy into fMP4 segments of a whole number of GOPs (keyframes are on
 * the master's grid, so segments cut at the same frames on every rung), and a master playlist listing the ladder with
 * each rung's bandwidth, resolution, frame rate and codecs.
 */
public final class HlsPackager {
    /** Apple's authoring guide: 6 s segments. Rounded to a whole number of GOPs. */
    public static final double TARGET_SEGMENT_SECONDS = 6;

    private final FfmpegRunner runner;
    private final Duration timeLimit;

    public HlsPackager(FfmpegRunner runner, Duration timeLimit) {
        this.runner = runner;
        this.timeLimit = timeLimit;
    }

    /** Segment length for a profile: the whole number of GOPs nearest the target, at least one. */
    public static double segmentSeconds(Profile profile) {
        return Math.max(1, Math.round(TARGET_SEGMENT_SECONDS / profile.gopSeconds())) * profile.gopSeconds();
    }

    /** Packages {@code output} (an MP4 joined from chunks) into {@code dir}, which must be empty. */
    public HlsPackage packageOutput(Path output, Profile profile, Path dir) {
        try {
            Files.createDirectories(dir);
            runner.ffmpeg(List.of("-v", "error", "-protocol_whitelist", "file", "-i", MediaLocation.of(output).ffmpegUrl(), "-map", "0",
                    "-c", "copy", "-f", "hls", "-hls_time", ChunkEncoder.seconds(segmentSeconds(profile)), "-hls_playlist_type", "vod",
                    "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", HlsPackage.INIT,
                    "-hls_segment_filename", dir.toAbsolutePath() + "/segment-%05d.m4s", "-hls_flags", "independent_segments",
                    "-y", dir.resolve(HlsPackage.PLAYLIST).toAbsolutePath().toString()), timeLimit);
            List<String> files = new ArrayList<>(List.of(HlsPackage.PLAYLIST, HlsPackage.INIT));
            List<Double> seconds = new ArrayList<>();
            double duration = 0;
            double peak = 0;
            long bits = 0;
            Double pending = null;
            for (String line : Files.readAllLines(dir.resolve(HlsPackage.PLAYLIST))) {
                if (line.startsWith("#EXTINF:")) {
                    pending = Double.parseDouble(line.substring(8, line.indexOf(',') < 0 ? line.length() : line.indexOf(',')));
                } else if (!line.isBlank() && !line.startsWith("#") && pending != null) {
                    if (!line.matches("segment-[0-9]{5}\\.m4s")) {
                        throw new IllegalStateException("unexpected segment " + line + " in " + dir);
                    }
                    long segmentBits = 8 * Files.size(dir.resolve(line));
                    files.add(line);
                    seconds.add(pending);
                    duration += pending;
                    bits += segmentBits;
                    peak = Math.max(peak, segmentBits / pending);
                    pending = null;
                }
            }
            JsonNode video = videoStream(output);
            double fps = rate(video.path("avg_frame_rate").asText("0/1"));
            return new HlsPackage(profile.id(), files, seconds, Math.round(peak), Math.round(bits / Math.max(duration, 1e-9)),
                    video.path("width").asInt(), video.path("height").asInt(), fps, codecs(output, video));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The master playlist of a ladder: one variant per package, lowest bandwidth first, each at {@code {profileId}/index.m3u8}. */
    public static String masterPlaylist(List<HlsPackage> ladder) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        ladder.stream().sorted(java.util.Comparator.comparingLong(HlsPackage::peakBitsPerSecond)).forEach(p -> m3u8
                .append(String.format(Locale.ROOT, "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,FRAME-RATE=%.3f,CODECS=\"%s\"%n",
                        p.peakBitsPerSecond(), p.averageBitsPerSecond(), p.width(), p.height(), p.frameRate(), p.codecs()))
                .append(p.profileId()).append('/').append(HlsPackage.PLAYLIST).append('\n'));
        return m3u8.toString();
    }

    private JsonNode videoStream(Path output) throws IOException {
        JsonNode root = Json.mapper().readTree(runner.ffprobe(List.of("-v", "error", "-protocol_whitelist", "file", "-show_streams", "-of", "json",
                MediaLocation.of(output).ffmpegUrl()), timeLimit).stdout());
        for (JsonNode s : root.path("streams")) {
            if ("video".equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        throw new IllegalStateException(output + " has no video");
    }

    /** RFC 6381: {@code avc1.PPCCLL} from the H.264 profile and level, {@code hvc1.…} for HEVC; AAC-LC as {@code mp4a.40.2}. */
    private String codecs(Path output, JsonNode video) throws IOException {
        String codec = video.path("codec_name").asText();
        String v = switch (codec) {
            case "h264" -> String.format("avc1.%02x%02x%02x", h264ProfileIdc(video.path("profile").asText()),
                    constraintFlags(video.path("profile").asText()), video.path("level").asInt());
            case "hevc" -> "hvc1." + ("Main 10".equals(video.path("profile").asText()) ? "2.4" : "1.6") + ".L" + video.path("level").asInt() + ".B0";
            case "vp9" -> "vp09.00.10.08";
            case "av1" -> "av01.0.08M.08";
            default -> codec;
        };
        JsonNode root = Json.mapper().readTree(runner.ffprobe(List.of("-v", "error", "-protocol_whitelist", "file", "-select_streams", "a:0",
                "-show_streams", "-of", "json", MediaLocation.of(output).ffmpegUrl()), timeLimit).stdout());
        JsonNode audio = root.path("streams").path(0);
        if (audio.isMissingNode()) {
            return v;
        }
        return v + "," + ("opus".equals(audio.path("codec_name").asText()) ? "Opus" : "mp4a.40.2");
    }

    private static int h264ProfileIdc(String profile) {
        return switch (profile) {
            case "Baseline", "Constrained Baseline" -> 66;
            case "Main" -> 77;
            case "High 10" -> 110;
            case "High 4:2:2" -> 122;
            default -> 100; // High
        };
    }

    private static int constraintFlags(String profile) {
        return "Constrained Baseline".equals(profile) ? 0x40 : 0;
    }

    private static double rate(String fraction) {
        int slash = fraction.indexOf('/');
        double den = slash < 0 ? 1 : Double.parseDouble(fraction.substring(slash + 1));
        return den == 0 ? 0 : Double.parseDouble(slash < 0 ? fraction : fraction.substring(0, slash)) / den;
    }
}
