package ichibyo.core.encode;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Short probe encodes of a chunk, for the CRF search of a target-quality profile: a reference {@link Sample} of the
 * chunk's frames (a few windows spread over it, at most {@link #SAMPLE_SECONDS} in all) is taken once from the
 * master, scaled as the encoder scales it and kept losslessly; each probe encodes the sample exactly as encode-chunk
 * encodes a chunk ({@link ChunkEncoder#command}, the profile's codec, preset and GOP, with the probe's CRF) and
 * measures its mean SSIM against the sample. The same SSIM as verify's: the master scaled bicubic to the output size.
 */
public final class QualityProbe {
    /** Frames of a chunk a probe encodes, in seconds: enough for the encoder's look-ahead and a GOP, few enough to be cheap. */
    public static final double SAMPLE_SECONDS = 3;
    /** Windows the sample is taken from, spread from the chunk's start to its end (content changes inside a chunk too). */
    public static final int WINDOWS = 3;

    private final FfmpegRunner runner;
    private final Duration timeLimit;

    public QualityProbe(FfmpegRunner runner, Duration timeLimit) {
        this.runner = runner;
        this.timeLimit = timeLimit;
    }

    /** A chunk's reference frames, at an output size, lossless (FFV1), described as a master of its own. */
    public record Sample(Path file, MasterInfo info) {
        public MediaLocation location() {
            return MediaLocation.of(file);
        }
    }

    /**
     * @param dir a work folder (letters, digits and {@code /._-} only: the SSIM log's path goes into a filtergraph)
     */
    public Sample sample(MediaLocation master, MasterInfo info, Chunk chunk, OutputSize size, Path dir) {
        List<int[]> windows = windows(chunk.frames(), info.fps());
        int frames = windows.stream().mapToInt(w -> w[1] - w[0]).sum();
        List<String> args = new ArrayList<>(List.of("-v", "error", "-protocol_whitelist", master.protocolWhitelist()));
        if (chunk.startFrame() > 0) {
            args.addAll(ChunkEncoder.seekTo(info.startSeconds(), info, chunk.startFrame()));
        }
        StringBuilder select = new StringBuilder();
        for (int[] w : windows) {
            select.append(select.isEmpty() ? "" : "+").append("between(n\\,").append(w[0]).append("\\,").append(w[1] - 1).append(')');
        }
        String filter = "select='" + select + "',setpts=N/FRAME_RATE/TB"
                + (size.sameAs(info) ? "" : ",scale=" + size.width() + ":" + size.height() + ":flags=bicubic") + ",format=yuv420p";
        Path out = dir.resolve(String.format("sample-%05d-%dx%d.mkv", chunk.index(), size.width(), size.height()));
        args.addAll(List.of("-i", master.ffmpegUrl(), "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", filter, "-frames:v", Integer.toString(frames),
                "-c:v", "ffv1", "-f", "matroska", "-y", "file:" + out.toAbsolutePath()));
        runner.ffmpeg(args, timeLimit);
        MasterInfo sampleInfo = new MasterInfo(size.width(), size.height(), info.fpsNum(), info.fpsDen(), frames, info.frameTime(frames), "ffv1",
                false, 0, 0);
        return new Sample(out, sampleInfo);
    }

    /** The sample encoded as the profile encodes a chunk, at {@code crf}: its mean SSIM against the sample. */
    public double measure(Sample sample, Profile profile, int crf, Path dir) {
        Profile atCrf = profile.withRateControl(profile.rateControl().forChunk(crf));
        Path encoded = dir.resolve(sample.file().getFileName().toString().replace(".mkv", "-crf" + crf + ".mp4"));
        try {
            runner.ffmpeg(ChunkEncoder.command(sample.location(), sample.info(), new Chunk(0, 0, sample.info().frames()), atCrf, encoded), timeLimit);
            double[] ssim = frameSsims(MediaLocation.of(encoded), sample.location(), new OutputSize(sample.info().width(), sample.info().height()),
                    dir.resolve(encoded.getFileName() + ".ssim.log"));
            if (ssim.length != sample.info().frames()) {
                throw new IllegalStateException("a probe compared " + ssim.length + " of its " + sample.info().frames() + " frames");
            }
            return mean(ssim, 0, ssim.length);
        } finally {
            try {
                Files.deleteIfExists(encoded);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * SSIM (all planes) of every frame of {@code encoded} against {@code reference} scaled bicubic to {@code size}, frame n
     * against frame n, in order.
     *
     * @param statsFile where ffmpeg writes the per-frame log (a path of letters, digits and {@code /._-})
     */
    public double[] frameSsims(MediaLocation encoded, MediaLocation reference, OutputSize size, Path statsFile) {
        String log = statsFile.toAbsolutePath().toString();
        if (!log.matches("[A-Za-z0-9/._-]+")) {
            throw new IllegalArgumentException("SSIM log " + log + " has characters a filtergraph would need escaped");
        }
        String graph = "[0:v]setpts=N/FRAME_RATE/TB,format=yuv420p[o];[1:v]setpts=N/FRAME_RATE/TB,scale=" + size.width() + ":" + size.height()
                + ":flags=bicubic,format=yuv420p[m];[o][m]ssim=stats_file=" + log;
        runner.ffmpeg(List.of("-v", "error", "-protocol_whitelist", encoded.protocolWhitelist(), "-i", encoded.ffmpegUrl(),
                "-protocol_whitelist", reference.protocolWhitelist(), "-i", reference.ffmpegUrl(), "-filter_complex", graph,
                "-an", "-f", "null", "-"), timeLimit);
        try {
            List<String> lines = Files.readAllLines(statsFile);
            double[] values = new double[lines.size()];
            int count = 0;
            for (String line : lines) {
                int at = line.indexOf("All:");
                if (at >= 0) {
                    int end = line.indexOf(' ', at);
                    values[count++] = Double.parseDouble(line.substring(at + 4, end < 0 ? line.length() : end).trim());
                }
            }
            Files.deleteIfExists(statsFile);
            return java.util.Arrays.copyOf(values, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return to > from ? sum / (to - from) : 0;
    }

    /** The frame ranges {@code [from, to)} of a chunk of {@code frames} the sample takes: all of it when it is short. */
    static List<int[]> windows(int frames, double fps) {
        int budget = Math.max(1, (int) Math.round(SAMPLE_SECONDS * fps));
        if (frames <= budget) {
            return List.of(new int[] {0, frames});
        }
        int width = (budget + WINDOWS - 1) / WINDOWS;
        List<int[]> windows = new ArrayList<>();
        for (int i = 0; i < WINDOWS; i++) {
            int start = (int) Math.round((double) i * (frames - width) / (WINDOWS - 1));
            windows.add(new int[] {start, start + width});
        }
        return windows;
    }
}
