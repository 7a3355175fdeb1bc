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
 * picture (SSIM and PSNR against the master scaled to the output's size) on <em>every</em> frame, from the chunks'
 * own measurements ({@link #measureChunk}, made where each chunk was encoded), where a seam's lowest SSIM may not
 * fall below the lowest of the frames away from seams by more than {@link #SEAM_SSIM_MARGIN}. The joined output
 * itself is then read by seeking at a few seams and across its length ({@link #CONFIRMED_SEAMS},
 * {@link #CONFIRMED_SAMPLES}): each frame read must be its chunk's, so a join of the wrong chunks, or in the wrong
 * order, fails although every chunk is good.
 */
public final class OutputVerifier {
    /** Frames of the joined output read again across its length, and seams read again (spread over all of them). */
    public static final int CONFIRMED_SAMPLES = 8, CONFIRMED_SEAMS = 8;
    /** How far a frame read from the joined output may be from its chunk's measurement (the same bits decode the same). */
    static final double CONFIRM_TOLERANCE = 1e-4;
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
    public OutputVerification verify(MediaLocation output, MediaLocation master, MasterInfo info, Profile profile, List<Chunk> chunks,
            List<ChunkQuality> chunkQualities, Path work) {
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

        // Every frame's quality, from the chunks' own measurements.
        double[] ssim = new double[info.frames()];
        double[] psnr = new double[info.frames()];
        boolean measured = true;
        for (Chunk c : chunks) {
            ChunkQuality q = c.index() < chunkQualities.size() ? chunkQualities.get(c.index()) : null;
            if (q == null || !q.covers(c) || c.endFrame() > info.frames()) {
                failures.add("chunk " + c.index() + " has no quality measured for its frames " + c.startFrame() + "–" + c.endFrame());
                measured = false;
                continue;
            }
            System.arraycopy(q.ssim(), 0, ssim, c.startFrame(), c.frames());
            System.arraycopy(q.psnr(), 0, psnr, c.startFrame(), c.frames());
        }
        if (!measured) {
            return new OutputVerification(profile.id(), frames, info.frames(), duration, info.framesDuration(), audioSeconds, keyframes,
                    0, 0, 0, 0, 0, List.of(), failures);
        }
        double[] sorted = ssim.clone();
        Arrays.sort(sorted);
        double ssimMean = Arrays.stream(ssim).average().orElse(0);
        double ssimMedian = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        double ssimMin = sorted.length == 0 ? 0 : sorted[0];
        double psnrMean = Arrays.stream(psnr).average().orElse(0);
        double regularMin = ssimMin;
        boolean anyRegular = false;
        for (int n = 0; n < ssim.length; n++) {
            if (!nearSeam(n, seamFrames)) {
                regularMin = anyRegular ? Math.min(regularMin, ssim[n]) : ssim[n];
                anyRegular = true;
            }
        }
        List<OutputVerification.Seam> seams = new ArrayList<>();
        for (int seam : seamFrames) {
            double low = Double.MAX_VALUE;
            double lowPsnr = Double.MAX_VALUE;
            for (int n = Math.max(0, seam - SEAM_FRAMES); n < Math.min(ssim.length, seam + SEAM_FRAMES); n++) {
                low = Math.min(low, ssim[n]);
                lowPsnr = Math.min(lowPsnr, psnr[n]);
            }
            seams.add(new OutputVerification.Seam(seam, low, lowPsnr));
            if (low < regularMin - SEAM_SSIM_MARGIN) {
                failures.add("the seam at frame " + seam + " dips to SSIM " + low + ", below the output's lowest " + regularMin);
            }
        }

        // The joined output read again at a few seams and across its length: each frame must be its chunk's.
        TreeSet<Integer> confirm = new TreeSet<>();
        int last = Math.min(frames, info.frames());
        for (int i = 0; i < CONFIRMED_SAMPLES && last > 0; i++) {
            confirm.add((int) ((long) last * (2L * i + 1) / (2L * CONFIRMED_SAMPLES)));
        }
        List<Integer> allSeams = new ArrayList<>(seamFrames);
        int picks = Math.min(CONFIRMED_SEAMS, allSeams.size());
        for (int i = 0; i < picks; i++) {
            int seam = allSeams.get(picks == 1 ? 0 : (int) ((long) i * (allSeams.size() - 1) / (picks - 1)));
            for (int n = seam - SEAM_FRAMES; n < seam + SEAM_FRAMES; n++) {
                if (n >= 0 && n < last) {
                    confirm.add(n);
                }
            }
        }
        Map<Integer, double[]> read = quality(output, video.path("start_time").asDouble(0), master, info, profile, confirm, work);
        int differing = 0;
        String firstDiffering = null;
        for (int n : confirm) {
            double[] q = read.get(n);
            if (q == null || Math.abs(q[0] - ssim[n]) > CONFIRM_TOLERANCE) {
                differing++;
                if (firstDiffering == null) {
                    firstDiffering = "frame " + n + " (SSIM " + (q == null ? "not read" : q[0]) + ", its chunk's " + ssim[n] + ")";
                }
            }
        }
        if (differing > 0) {
            failures.add(differing + " of " + confirm.size() + " frames read from the joined output are not their chunks', the first " + firstDiffering);
        }
        return new OutputVerification(profile.id(), frames, info.frames(), duration, info.framesDuration(), audioSeconds, keyframes,
                ssim.length, ssimMean, ssimMedian, ssimMin, psnrMean, seams, failures);
    }

    /**
     * Every frame of an encoded chunk against the master's frames {@code chunk} holds: the chunk read whole, the master
     * from the chunk's first frame. Run where the chunk was encoded, so the decoding is spread over the encode's
     * workers instead of falling on verify.
     */
    public ChunkQuality measureChunk(MediaLocation chunkFile, MediaLocation master, MasterInfo info, Profile profile, Chunk chunk, Path work) {
        workFolder(work);
        double[][] q = compare(chunkFile, 0, 0, master, info, chunk.startFrame(), chunk.frames(), OutputSize.of(info, profile),
                work.resolve("chunk-" + chunk.index()));
        if (q[0].length != chunk.frames()) {
            throw new IllegalStateException("chunk " + chunk.index() + ": compared " + q[0].length + " of its " + chunk.frames() + " frames");
        }
        return new ChunkQuality(chunk.index(), chunk.startFrame(), q[0], q[1]);
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
        workFolder(work);
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
        double[][] q = compare(output, outputStart, first, master, info, first, count, size, work.resolve("window-" + first));
        Map<Integer, double[]> result = new TreeMap<>();
        for (int i = 0; i < q[0].length; i++) {
            if (sampled.contains(first + i)) {
                result.put(first + i, new double[] {q[0][i], q[1][i]});
            }
        }
        return result;
    }

    /**
     * {SSIM[], PSNR[]} of {@code count} frames: {@code file} from its frame {@code fileFirst} against the master from its
     * frame {@code masterFirst}, the master scaled as the encoder scaled it.
     */
    private double[][] compare(MediaLocation file, double fileStart, int fileFirst, MediaLocation master, MasterInfo info, int masterFirst,
            int count, OutputSize size, Path logs) {
        Path ssimLog = Path.of(logs + ".ssim.log");
        Path psnrLog = Path.of(logs + ".psnr.log");
        // Both sides renumbered on the master's grid from the first frame compared and cut to the count, so frame n of one
        // meets frame n of the other and the process ends with them (-t stops each read just after).
        String grid = "setpts=N*" + info.fpsDen() + "/" + info.fpsNum() + "/TB,trim=end_frame=" + count;
        String graph = "[0:v]" + grid + ",format=yuv420p,split[o1][o2];"
                + "[1:v]" + grid + ",scale=" + size.width() + ":" + size.height() + ":flags=bicubic,format=yuv420p,split[m1][m2];"
                + "[o1][m1]ssim=stats_file=" + ssimLog.toAbsolutePath() + ";[o2][m2]psnr=stats_file=" + psnrLog.toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("-v", "error", "-filter_threads", "1"));
        args.addAll(windowInput(file, fileStart, info, fileFirst, count));
        args.addAll(windowInput(master, info.startSeconds(), info, masterFirst, count));
        args.addAll(List.of("-filter_complex", graph, "-an", "-f", "null", "-"));
        runner.ffmpeg(args, timeLimit);
        try {
            List<String> ssimLines = Files.readAllLines(ssimLog);
            List<String> psnrLines = Files.readAllLines(psnrLog);
            int n = Math.min(count, Math.min(ssimLines.size(), psnrLines.size()));
            double[] ssim = new double[n];
            double[] psnr = new double[n];
            for (int i = 0; i < n; i++) {
                ssim[i] = doubleField(ssimLines.get(i), "All:");
                double p = doubleField(psnrLines.get(i), "psnr_avg:");
                psnr[i] = Double.isInfinite(p) ? 100 : p;
            }
            Files.deleteIfExists(ssimLog);
            Files.deleteIfExists(psnrLog);
            return new double[][] {ssim, psnr};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void workFolder(Path work) {
        String dir = work.toAbsolutePath().toString();
        if (!dir.matches("[A-Za-z0-9/._-]+")) {
            throw new IllegalArgumentException("work folder " + dir + " has characters a filtergraph would need escaped");
        }
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
