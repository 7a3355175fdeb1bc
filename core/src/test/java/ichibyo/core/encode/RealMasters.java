package ichibyo.core.encode;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Masters made from the real videos that opencv-doc installs (../shared/MEDIA.md): the street video
 * ({@code vtest.avi}, 768×576, 10 fps, no sound) and the film excerpt ({@code Megamind.avi}, 720×528, AC3),
 * cut into parts that alternate between the two (so the master has hard scene cuts), scaled to the size
 * asked, every source frame kept and shown at 25 fps (no frame repeated, so a frame off by one is another
 * picture), with sound: the film's own over its parts and a tone over the street's (which has none).
 * Also the measurements the encode tests and the benchmark share: per-frame SSIM and decoded audio.
 */
public final class RealMasters {
    public static final Path OPENCV = Path.of("/usr/share/doc/opencv-doc/examples/data");
    public static final Path STREET = OPENCV.resolve("vtest.avi");
    public static final Path FILM = OPENCV.resolve("Megamind.avi");
    public static final int FPS = 25;
    /** Frames of each source: vtest.avi has 795, Megamind.avi 270. */
    static final int STREET_FRAMES = 795, FILM_FRAMES = 270;

    private RealMasters() {}

    /** Null when both videos are installed, else why a test using them is skipped. */
    public static String missing() {
        if (Files.isRegularFile(STREET) && Files.isRegularFile(FILM)) {
            return null;
        }
        return "the real sample videos " + STREET + " and " + FILM + " are not installed (apt opencv-doc; scripts/setup installs it)";
    }

    /**
     * A master of {@code parts} parts of {@code partSeconds} each, street, film, street, … (each part from
     * a later place in its source), H.264 at CRF 16 and AAC 192 kb/s stereo 48 kHz.
     */
    public static Path make(FfmpegRunner ffmpeg, Path out, int width, int height, double partSeconds, int parts, Duration limit) {
        int partFrames = (int) Math.round(partSeconds * FPS);
        if (partFrames > FILM_FRAMES / 2 || partFrames * ((parts + 1) / 2) > STREET_FRAMES) {
            throw new IllegalArgumentException(parts + " parts of " + partSeconds + " s are more than the sources hold");
        }
        StringBuilder graph = new StringBuilder();
        StringBuilder videos = new StringBuilder();
        StringBuilder sounds = new StringBuilder();
        long partSamples = Math.round(partFrames * 48_000.0 / FPS);
        // Each part's sound exactly as long as its pictures, so the parts line up.
        String exact = ",apad=whole_len=" + partSamples + ",atrim=end_sample=" + partSamples;
        int street = 0, film = 0, tone = 0;
        for (int i = 0; i < parts; i++) {
            boolean isStreet = i % 2 == 0;
            int start;
            if (isStreet) {
                start = street;
                street += partFrames;
            } else {
                // The film's two halves: its parts come from its start and from its middle.
                start = (film++ % 2) * (FILM_FRAMES / 2);
            }
            String scale = "setpts=N/" + FPS + "/TB,scale=" + width + ":" + height + ":flags=bicubic,setsar=1,format=yuv420p";
            graph.append('[').append(isStreet ? 0 : 1).append(":v]trim=start_frame=").append(start).append(":end_frame=")
                    .append(start + partFrames).append(',').append(scale).append("[v").append(i).append("];");
            if (isStreet) {
                graph.append("sine=frequency=").append(330 + 110 * tone++).append(":sample_rate=48000:duration=").append(partSeconds)
                        .append(",volume=0.5,aformat=sample_fmts=fltp:channel_layouts=stereo").append(exact).append("[a").append(i).append("];");
            } else {
                double at = start / (2997.0 / 125);
                graph.append("[1:a]atrim=start=").append(at).append(":duration=").append(partSeconds)
                        .append(",asetpts=N/SR/TB,aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo").append(exact).append("[a").append(i).append("];");
            }
            videos.append("[v").append(i).append(']');
            sounds.append("[a").append(i).append(']');
        }
        // Pictures and sound joined apart, the pictures renumbered after: every frame kept, one per 1/25 s.
        graph.append(videos).append("concat=n=").append(parts).append(":v=1:a=0,setpts=N/").append(FPS).append("/TB[v];")
                .append(sounds).append("concat=n=").append(parts).append(":v=0:a=1[a]");
        ffmpeg.ffmpeg(List.of("-v", "error", "-i", "file:" + STREET, "-i", "file:" + FILM, "-filter_complex", graph.toString(),
                "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-r", Integer.toString(FPS),
                "-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", "-y", "file:" + out.toAbsolutePath()), limit);
        return out;
    }

    /** The SSIM of every frame of {@code output} against the master scaled as the encoder scaled it, frame n against frame n. */
    public static double[] ssimPerFrame(FfmpegRunner ffmpeg, Path output, Path master, MasterInfo info, Profile profile, Path work,
            Duration limit) {
        Path log = work.resolve("ssim-all.log");
        OutputSize size = OutputSize.of(info, profile);
        String graph = "[0:v]setpts=N/FRAME_RATE/TB,format=yuv420p[o];[1:v]setpts=N/FRAME_RATE/TB,scale=" + size.width() + ":"
                + size.height() + ":flags=bicubic,format=yuv420p[m];[o][m]ssim=stats_file=" + log.toAbsolutePath();
        ffmpeg.ffmpeg(List.of("-v", "error", "-i", "file:" + output.toAbsolutePath(), "-i", "file:" + master.toAbsolutePath(),
                "-filter_complex", graph, "-an", "-f", "null", "-"), limit);
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains("All:"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf("All:") + 4).trim().split(" ")[0])).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first audio stream decoded to 48 kHz stereo, interleaved floats. */
    public static float[] pcm(FfmpegRunner ffmpeg, Path media, Duration limit) {
        ProcessResult r = ffmpeg.ffmpeg(List.of("-v", "error", "-i", "file:" + media.toAbsolutePath(), "-map", "0:a:0", "-ac", "2",
                "-ar", "48000", "-f", "f32le", "-"), limit);
        ByteBuffer b = ByteBuffer.wrap(r.stdout()).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[r.stdout().length / 4];
        b.asFloatBuffer().get(samples);
        return samples;
    }

    /** {max |a−b|, RMS(a−b)} over the stereo frames [from, to) (clamped to both signals). */
    public static double[] difference(float[] a, float[] b, int from, int to) {
        int start = Math.max(0, from) * 2;
        int end = Math.min(Math.min(a.length, b.length) / 2, to) * 2;
        double max = 0, sum = 0;
        for (int i = start; i < end; i++) {
            double d = a[i] - b[i];
            max = Math.max(max, Math.abs(d));
            sum += d * d;
        }
        return new double[] {max, end > start ? Math.sqrt(sum / (end - start)) : 0};
    }

    /**
     * The audio codec's own noise away from the seams: the largest {max |a−b|, RMS} of a single-pass output's
     * decoded audio against the master's, over windows of {@code window} stereo frames every half second that
     * lie at least a quarter second from any seam (and from the ends).
     */
    public static double[] codecNoise(float[] single, float[] master, List<Double> seamSeconds, int window) {
        double max = 0, rms = 0;
        int frames = Math.min(single.length, master.length) / 2;
        for (int at = 24_000; at + window < frames - 12_000; at += 24_000) {
            double t = at / 48_000.0;
            if (seamSeconds.stream().anyMatch(s -> Math.abs(s - t) < 0.25)) {
                continue;
            }
            double[] d = difference(single, master, at - window, at + window);
            max = Math.max(max, d[0]);
            rms = Math.max(rms, d[1]);
        }
        return new double[] {max, rms};
    }

    /** The chunks' start times (after the first), in seconds. */
    public static List<Double> seamSeconds(List<Chunk> chunks, MasterInfo info) {
        List<Double> seams = new ArrayList<>();
        chunks.stream().filter(c -> c.startFrame() > 0).forEach(c -> seams.add(info.frameTime(c.startFrame())));
        return seams;
    }

    /** Audio packet time stamps that step by other than one packet's duration (a gap or an overlap in the stream). */
    public static int audioTimestampBreaks(FfmpegRunner ffmpeg, Path media, Duration limit) {
        ProcessResult r = ffmpeg.ffprobe(List.of("-v", "error", "-select_streams", "a:0", "-show_entries", "packet=pts,duration",
                "-of", "csv=p=0", "file:" + media.toAbsolutePath()), limit);
        long last = Long.MIN_VALUE, lastDuration = 0;
        int breaks = 0;
        for (String line : r.stdoutText().split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length < 2 || f[0].equals("N/A")) {
                continue;
            }
            long pts = Long.parseLong(f[0]);
            if (last != Long.MIN_VALUE && pts - last != lastDuration) {
                breaks++;
            }
            last = pts;
            lastDuration = f[1].equals("N/A") ? 0 : Long.parseLong(f[1]);
        }
        return breaks;
    }

    /** Gray frames {@code [from, to)} of a video at {@code width}×{@code height}, one byte array per frame. */
    public static List<byte[]> grayFrames(FfmpegRunner ffmpeg, Path video, int from, int to, int width, int height, Duration limit) {
        ProcessResult r = ffmpeg.ffmpeg(List.of("-v", "error", "-i", "file:" + video.toAbsolutePath(), "-vf",
                "select='between(n\\," + from + "\\," + (to - 1) + ")',scale=" + width + ":" + height + ":flags=bicubic,format=gray",
                "-vsync", "0", "-f", "rawvideo", "-"), limit);
        List<byte[]> frames = new ArrayList<>();
        int size = width * height;
        for (int at = 0; at + size <= r.stdout().length; at += size) {
            byte[] f = new byte[size];
            System.arraycopy(r.stdout(), at, f, 0, size);
            frames.add(f);
        }
        return frames;
    }

    public static double meanSquaredError(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            sum += d * d;
        }
        return sum / a.length;
    }

    static MediaLocation at(Path p) {
        return MediaLocation.of(p);
    }
}
