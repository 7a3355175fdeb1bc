package ichibyo.core.encode;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks a joined output against its master: the same frame count; the duration within one frame; video
 * time stamps that step by exactly one frame everywhere (no gap, no duplicate, so none at a seam either) and
 * decode in order; a keyframe at every seam and on the profile's GOP grid; audio as long as the video within one audio frame; and the
 * picture (SSIM and PSNR against the master scaled to the output's size) on frames sampled across the whole
 * output and on the frames around every seam, where a seam's lowest SSIM may not fall below the lowest of
 * the regular samples by more than {@link #SEAM_SSIM_MARGIN}.
 */
public final class OutputVerifier {
    /** Regular samples across the output (besides the seams). */
    public static final int SAMPLES = 60;
    /** Frames checked on each side of a seam: the last two of one chunk, the first two of the next. */
    public static final int SEAM_FRAMES = 2;
    public static final double SEAM_SSIM_MARGIN = 0.05;
    /** Samples this close (in frames) are read in one window rather than two seeks. */
    static final int WINDOW_GAP = 12;

    private final FfmpegRunner runner;
    private final Duration timeLimit;

    public OutputVerifier(FfmpegRunner runner, Duration timeLimit) {
        this.runner = runner;
        this.timeLimit = timeLimit;
    }

    /**
     * @param work a folder for the quality logs (its path holds only letters, digits and {@code /._-},
     *             as {@link ichibyo.core.media.WorkDirs} makes them, so it goes into the filtergraph unescaped)
     */
    public OutputVerification verify(MediaLocation output, MediaLocation master, MasterInfo info, Profile profile, List<Chunk> chunks, Path work) {
        List<String> failures = new ArrayList<>();
        JsonNode streams = probeStreams(output);
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode s : streams.path("streams")) {
            if ("video".equals(s.path("codec_type").asText()) && video == null) {
                video = s;
            } else if ("audio".equals(s.path("codec_type").asText()) && audio == null) {
                audio = s;
            }
        }
        if (video == null) {
            throw new ichibyo.core.encode.exceptions.OutputVerificationException(profile.id(), List.of("the output has no video"));
        }
        int frames = video.path("nb_read_packets").asInt();
        double duration = video.path("duration").asDouble();
        double frameSeconds = info.frameTime(1);
        if (frames != info.frames()) {
            failures.add("frame count " + frames + " ≠ the master's " + info.frames());
        }
        if (Math.abs(duration - info.framesDuration()) > frameSeconds + 1e-6) {
            failures.add("duration " + duration + " s is more than a frame from the master's " + info.framesDuration() + " s");
        }
        TreeSet<Integer> seamFrames = new TreeSet<>();
        chunks.stream().filter(c -> c.startFrame() > 0).forEach(c -> seamFrames.add(c.startFrame()));
        boolean keyframes = checkTimestamps(output, video, info, profile, seamFrames, failures);
        double audioSeconds = 0;
        if (audio != null) {
            audioSeconds = audio.path("duration").asDouble();
            int sampleRate = Math.max(1, audio.path("sample_rate").asInt(48_000));
            int frameSamples = profile.audio() != null ? profile.audio().frameSamples() : 1024;
            double tolerance = (double) frameSamples / sampleRate;
            if (Math.abs(audioSeconds - duration) > tolerance + 1e-6) {
                failures.add("audio lasts " + audioSeconds + " s, the video " + duration + " s: more than one audio frame apart");
            }
        } else if (profile.audio() != null && info.hasAudio()) {
            failures.add("the output has no audio and the master has");
        }

        // Quality on the sampled frames and those around every seam.
        int step = Math.max(1, info.frames() / SAMPLES);
        TreeSet<Integer> sampled = new TreeSet<>();
        for (int n = 0; n < info.frames(); n += step) {
            sampled.add(n);
        }
        for (int seam : seamFrames) {
            for (int n = seam - SEAM_FRAMES; n < seam + SEAM_FRAMES; n++) {
                if (n >= 0 && n < Math.min(frames, info.frames())) {
                    sampled.add(n);
                }
            }
        }
        Map<Integer, double[]> quality = quality(output, video.path("start_time").asDouble(0), master, info, profile, sampled, work);
        double[] ssims = quality.values().stream().mapToDouble(q -> q[0]).sorted().toArray();
        double ssimMean = Arrays.stream(ssims).average().orElse(0);
        double ssimMedian = ssims.length == 0 ? 0 : ssims[ssims.length / 2];
        double ssimMin = ssims.length == 0 ? 0 : ssims[0];
        double psnrMean = quality.values().stream().mapToDouble(q -> q[1]).average().orElse(0);
        double regularMin = quality.entrySet().stream().filter(e -> !nearSeam(e.getKey(), seamFrames))
                .mapToDouble(e -> e.getValue()[0]).min().orElse(ssimMin);
        List<OutputVerification.Seam> seams = new ArrayList<>();
        for (int seam : seamFrames) {
            double low = Double.MAX_VALUE;
            double lowPsnr = Double.MAX_VALUE;
            for (int n = seam - SEAM_FRAMES; n < seam + SEAM_FRAMES; n++) {
                double[] q = quality.get(n);
                if (q != null) {
                    low = Math.min(low, q[0]);
                    lowPsnr = Math.min(lowPsnr, q[1]);
                }
            }
            if (low == Double.MAX_VALUE) {
                failures.add("no frames compared around the seam at frame " + seam);
                continue;
            }
            seams.add(new OutputVerification.Seam(seam, low, lowPsnr));
            if (low < regularMin - SEAM_SSIM_MARGIN) {
                failures.add("the seam at frame " + seam + " dips to SSIM " + low + ", below the output's lowest " + regularMin);
            }
        }
        if (quality.size() != sampled.size()) {
            failures.add("compared " + quality.size() + " of " + sampled.size() + " sampled frames");
        }
        return new OutputVerification(profile.id(), frames, info.frames(), duration, info.framesDuration(), audioSeconds, keyframes,
                quality.size(), step, ssimMean, ssimMedian, ssimMin, psnrMean, seams, failures);
    }

    private static boolean nearSeam(int n, TreeSet<Integer> seams) {
        Integer above = seams.ceiling(n - SEAM_FRAMES + 1);
        return above != null && above - n <= SEAM_FRAMES && n - above < SEAM_FRAMES;
    }

    private JsonNode probeStreams(MediaLocation output) {
        ProcessResult result = runner.ffprobe(List.of("-v", "error", "-protocol_whitelist", output.protocolWhitelist(), "-count_packets",
                "-show_streams", "-of", "json", output.ffmpegUrl()), timeLimit);
        try {
            return Json.mapper().readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Time stamps step by exactly one frame in presentation order, decode order only rises, each seam and each GOP start is a keyframe. */
    private boolean checkTimestamps(MediaLocation output, JsonNode video, MasterInfo info, Profile profile, TreeSet<Integer> seams,
            List<String> failures) {
        ProcessResult result = runner.ffprobe(List.of("-v", "error", "-protocol_whitelist", output.protocolWhitelist(), "-select_streams",
                "v:0", "-show_entries", "packet=pts,dts,flags", "-of", "csv=p=0", output.ffmpegUrl()), timeLimit);
        long[] tb = fraction(video.path("time_base").asText("1/90000"));
        // One frame in the stream's time base, and the rounding a muxer may apply to it.
        double tick = (double) info.fpsDen() * tb[1] / ((double) info.fpsNum() * tb[0]);
        List<long[]> packets = new ArrayList<>();
        long lastDts = Long.MIN_VALUE;
        int unordered = 0;
        for (String line : result.stdoutText().split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length < 3 || f[0].equals("N/A")) {
                continue;
            }
            long pts = Long.parseLong(f[0]);
            long dts = f[1].equals("N/A") ? pts : Long.parseLong(f[1]);
            if (dts <= lastDts) {
                unordered++;
            }
            lastDts = dts;
            packets.add(new long[] {pts, f[2].startsWith("K") ? 1 : 0});
        }
        if (unordered > 0) {
            failures.add(unordered + " packets decode out of order (dts not rising)");
        }
        packets.sort((a, b) -> Long.compare(a[0], b[0]));
        int gaps = 0;
        int duplicates = 0;
        String first = null;
        for (int i = 1; i < packets.size(); i++) {
            long d = packets.get(i)[0] - packets.get(i - 1)[0];
            if (d == 0) {
                duplicates++;
            } else if (Math.abs(d - tick) > 1.0) {
                gaps++;
            } else {
                continue;
            }
            if (first == null) {
                first = "frame " + i + " (step " + d + " where a frame is " + tick + ")";
            }
        }
        if (gaps > 0 || duplicates > 0) {
            failures.add(gaps + " gaps and " + duplicates + " duplicate time stamps, the first at " + first);
        }
        boolean keyframes = true;
        int gop = profile.gopFrames(info);
        for (int n = 0; n < packets.size(); n += gop) {
            if (packets.get(n)[1] == 0) {
                failures.add("frame " + n + ", on the " + profile.gopSeconds() + " s keyframe grid, is not a keyframe");
                break;
            }
        }
        for (int seam : seams) {
            if (seam >= packets.size() || packets.get(seam)[1] == 0) {
                keyframes = false;
                failures.add("frame " + seam + ", a chunk's first, is not a keyframe");
            }
        }
        return keyframes;
    }

    /**
     * Frame index → {SSIM, PSNR} for the sampled frames, compared with the master scaled as the encoder scaled it. Each
     * window of nearby samples is read by seeking both files to it, so only the frames from the keyframe before it are
     * decoded: the time grows with the samples and the seams, not with the output's length (decoding a 30-minute
     * 1080p output and its master whole took longer than a Lambda may run).
     */
    Map<Integer, double[]> quality(MediaLocation output, double outputStart, MediaLocation master, MasterInfo info, Profile profile,
            TreeSet<Integer> sampled, Path work) {
        String dir = work.toAbsolutePath().toString();
        if (!dir.matches("[A-Za-z0-9/._-]+")) {
            throw new IllegalArgumentException("work folder " + dir + " has characters a filtergraph would need escaped");
        }
        OutputSize size = OutputSize.of(info, profile);
        List<int[]> windows = windows(sampled, WINDOW_GAP);
        // One single-threaded ffmpeg per window, as many at once as there are processors: short decodes parallelise
        // better across processes than within one decoder.
        int parallel = Math.max(1, Math.min(windows.size(), Runtime.getRuntime().availableProcessors()));
        Map<Integer, double[]> result = new TreeMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<Map<Integer, double[]>>> measured = new ArrayList<>();
            for (int[] window : windows) {
                measured.add(pool.submit(() -> window(output, outputStart, master, info, size, window[0], window[1] - window[0] + 1, sampled, work)));
            }
            for (Future<Map<Integer, double[]>> m : measured) {
                result.putAll(m.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring quality", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return result;
    }

    /** The sampled frames of one window of {@code count} frames from {@code first}. */
    private Map<Integer, double[]> window(MediaLocation output, double outputStart, MediaLocation master, MasterInfo info, OutputSize size,
            int first, int count, TreeSet<Integer> sampled, Path work) {
        Path ssimLog = work.resolve("ssim-" + first + ".log");
        Path psnrLog = work.resolve("psnr-" + first + ".log");
        // Both sides renumbered on the master's grid from the window's first frame and cut to its frames, so frame n of one
        // meets frame n of the other and the process ends with the window (-t stops each read just after it).
        String grid = "setpts=N*" + info.fpsDen() + "/" + info.fpsNum() + "/TB,trim=end_frame=" + count;
        String graph = "[0:v]" + grid + ",format=yuv420p,split[o1][o2];"
                + "[1:v]" + grid + ",scale=" + size.width() + ":" + size.height() + ":flags=bicubic,format=yuv420p,split[m1][m2];"
                + "[o1][m1]ssim=stats_file=" + ssimLog.toAbsolutePath() + ";[o2][m2]psnr=stats_file=" + psnrLog.toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("-v", "error", "-filter_threads", "1"));
        args.addAll(windowInput(output, outputStart, info, first, count));
        args.addAll(windowInput(master, info.startSeconds(), info, first, count));
        args.addAll(List.of("-filter_complex", graph, "-an", "-f", "null", "-"));
        runner.ffmpeg(args, timeLimit);
        Map<Integer, double[]> result = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(ssimLog)) {
                int n = first + intField(line, "n:") - 1;
                if (sampled.contains(n)) {
                    result.put(n, new double[] {doubleField(line, "All:"), 0});
                }
            }
            for (String line : Files.readAllLines(psnrLog)) {
                double psnr = doubleField(line, "psnr_avg:");
                double[] q = result.get(first + intField(line, "n:") - 1);
                if (q != null) {
                    q[1] = Double.isInfinite(psnr) ? 100 : psnr;
                }
            }
            Files.deleteIfExists(ssimLog);
            Files.deleteIfExists(psnrLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private static List<String> windowInput(MediaLocation file, double videoStart, MasterInfo info, int first, int count) {
        List<String> args = new ArrayList<>(List.of("-threads", "1", "-protocol_whitelist", file.protocolWhitelist()));
        if (first > 0) {
            args.addAll(ChunkEncoder.seekTo(videoStart, info, first));
        }
        args.addAll(List.of("-t", ChunkEncoder.seconds(info.frameTime(count + 1)), "-i", file.ffmpegUrl()));
        return args;
    }

    /** Runs of the frames where the next is at most {@code gap} frames on: {first, last} each (decoding a few frames between is cheaper than a seek). */
    static List<int[]> windows(TreeSet<Integer> frames, int gap) {
        List<int[]> windows = new ArrayList<>();
        int[] open = null;
        for (int n : frames) {
            if (open != null && n - open[1] <= gap) {
                open[1] = n;
            } else {
                open = new int[] {n, n};
                windows.add(open);
            }
        }
        return windows;
    }

    private static int intField(String line, String name) {
        int at = line.indexOf(name);
        if (at < 0) {
            return -1;
        }
        int end = line.indexOf(' ', at);
        return Integer.parseInt(line.substring(at + name.length(), end < 0 ? line.length() : end).trim());
    }

    private static double doubleField(String line, String name) {
        int at = line.indexOf(name);
        if (at < 0) {
            return 0;
        }
        int end = line.indexOf(' ', at);
        String value = line.substring(at + name.length(), end < 0 ? line.length() : end).trim();
        return value.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value);
    }

    private static long[] fraction(String text) {
        int slash = text.indexOf('/');
        return new long[] {Long.parseLong(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1))};
    }
}
