package ichibyo.core.encode;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.encode.exceptions.UnsupportedMasterException;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.ProcessResult;
import ichibyo.core.media.exceptions.FfmpegFailedException;
import ichibyo.core.media.exceptions.UndecodableMediaException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Probes a master (ffprobe; frames counted from the packets, which reads the file but decodes nothing) and
 * finds its scene cuts (ffmpeg's {@code select='gt(scene,…)'}, which decodes it once).
 */
public final class MasterProbe {
    /** Larger masters are refused: 8K is the most any profile makes. */
    public static final long MAX_PIXELS = 8192L * 4320;
    /** Six hours at 60 fps. */
    public static final int MAX_FRAMES = 6 * 3600 * 60;
    private static final Pattern PTS_TIME = Pattern.compile("pts_time:\\s*(-?[0-9.]+)");

    private final FfmpegRunner runner;
    private final Duration timeLimit;

    public MasterProbe(FfmpegRunner runner, Duration timeLimit) {
        this.runner = runner;
        this.timeLimit = timeLimit;
    }

    /**
     * @throws UndecodableMediaException  ffprobe cannot read it
     * @throws UnsupportedMasterException no video, a variable frame rate, or over the limits
     */
    public MasterInfo probe(MediaLocation master) {
        JsonNode root;
        try {
            ProcessResult result = runner.ffprobe(List.of("-v", "error", "-protocol_whitelist", master.protocolWhitelist(),
                    "-count_packets", "-show_streams", "-show_format", "-of", "json", master.ffmpegUrl()), timeLimit);
            root = Json.mapper().readTree(result.stdout());
        } catch (FfmpegFailedException e) {
            throw new UndecodableMediaException("ffprobe cannot read the master " + master + ": " + e.stderrTail(), e);
        } catch (IOException e) {
            throw new UndecodableMediaException("ffprobe wrote no JSON for the master " + master, e);
        }
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode s : root.path("streams")) {
            String type = s.path("codec_type").asText();
            if ("video".equals(type) && video == null && s.path("disposition").path("attached_pic").asInt() == 0) {
                video = s;
            } else if ("audio".equals(type) && audio == null) {
                audio = s;
            }
        }
        if (video == null) {
            throw new UnsupportedMasterException(master + " has no video stream: a master is a video");
        }
        int width = video.path("width").asInt();
        int height = video.path("height").asInt();
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
            throw new UnsupportedMasterException(master + " is " + width + "×" + height + ": a master is at most 8192×4320");
        }
        long[] rate = fraction(video.path("r_frame_rate").asText());
        long[] avg = fraction(video.path("avg_frame_rate").asText());
        if (rate[0] <= 0 || rate[1] <= 0 || avg[0] <= 0 || avg[1] <= 0
                || Math.abs((double) rate[0] / rate[1] - (double) avg[0] / avg[1]) > 0.01 * rate[0] / rate[1]) {
            throw new UnsupportedMasterException(master + " has a variable frame rate (" + video.path("r_frame_rate").asText() + " vs average "
                    + video.path("avg_frame_rate").asText() + "): chunks are frame ranges, so a master needs a constant rate");
        }
        long frames = video.path("nb_read_packets").asLong(0);
        if (frames <= 0 || frames > MAX_FRAMES) {
            throw new UnsupportedMasterException(master + " has " + frames + " frames: 1–" + MAX_FRAMES + " are allowed");
        }
        double duration = video.path("duration").asDouble(root.path("format").path("duration").asDouble(0));
        return new MasterInfo(width, height, (int) rate[0], (int) rate[1], (int) frames, duration, video.path("codec_name").asText("unknown"),
                audio != null, audio == null ? 0 : audio.path("sample_rate").asInt(0), video.path("start_time").asDouble(0));
    }

    /**
     * The frames that start a new scene: where the scene score (0–1, the picture's change from the last
     * frame) is above {@code threshold} (0.3 finds hard cuts and ignores motion).
     */
    public List<Integer> sceneCuts(MediaLocation master, MasterInfo info, double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("a scene threshold is between 0 and 1, not " + threshold);
        }
        // Only numbers go into the filtergraph. The frames are scaled down first: the score does not need the detail.
        // The metadata filter prints each selected frame's time to stdout, which the runner keeps whole.
        String filter = "scale=w=320:h=-2,select='gt(scene\\," + threshold + ")',metadata=print:file=-";
        ProcessResult result = runner.ffmpeg(List.of("-v", "error", "-protocol_whitelist", master.protocolWhitelist(),
                "-i", master.ffmpegUrl(), "-map", "0:v:0", "-an", "-sn", "-vf", filter, "-f", "null", "-"), timeLimit);
        return parseCuts(result.stdoutText(), info);
    }

    static List<Integer> parseCuts(String log, MasterInfo info) {
        List<Integer> cuts = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.startsWith("frame:")) {
                continue;
            }
            Matcher m = PTS_TIME.matcher(line);
            if (m.find()) {
                int frame = (int) Math.round((Double.parseDouble(m.group(1)) - info.startSeconds()) * info.fpsNum() / info.fpsDen());
                if (frame > 0 && frame < info.frames()) {
                    cuts.add(frame);
                }
            }
        }
        return cuts;
    }

    private static long[] fraction(String text) {
        try {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return new long[] {Math.round(Double.parseDouble(text)), 1};
            }
            return new long[] {Long.parseLong(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1))};
        } catch (NumberFormatException e) {
            return new long[] {0, 0};
        }
    }
}
