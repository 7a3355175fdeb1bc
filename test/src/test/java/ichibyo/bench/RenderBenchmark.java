package ichibyo.bench;

import ichibyo.core.media.FfmpegBinaries;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.render.Clip;
import ichibyo.core.render.EditionStyle;
import ichibyo.core.render.MovieRenderer;
import ichibyo.core.render.Music;
import ichibyo.core.render.Output;
import ichibyo.core.render.RenderPlan;
import ichibyo.core.render.RenderSettings;
import ichibyo.samples.SampleMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): a quarterly-style movie of 20 one-second video moments at 1280×720,
 * rendered (a) by {@link MovieRenderer}, one ffmpeg run and one filtergraph, and (b) the way the
 * system ichibyo is modelled on first worked, one ffmpeg run per step (trim, rotate/crop, effect,
 * watermark, then a crossfade join), each re-encoding its input with the same x264 settings.
 *
 * <p>Every ffmpeg and ffprobe process runs under GNU time, so CPU seconds and peak memory are the
 * processes' own. Both are compared by SSIM and PSNR against a near-lossless render of the same
 * plan. Runs alternate a, b, a, b, ... and the medians are reported: this machine is shared.
 *
 * <p>Run: {@code ./mvnw -B -q -pl test -am -Pbench -DskipTests verify} ({@code -Dbench.runs=N}, default 3).
 */
public final class RenderBenchmark {
    private static final RenderSettings SETTINGS = RenderSettings.DEFAULT;
    private static final int CLIPS = 20;
    private static final int FPS = 30;
    private static final Duration STEP_LIMIT = Duration.ofMinutes(5);

    private final Path work;
    private final Path timeLog;
    private final FfmpegRunner timed;
    private final FfmpegRunner plain;
    private final Path watermark;
    private final Path music;

    private RenderBenchmark(Path work) throws IOException {
        this.work = work;
        this.timeLog = work.resolve("time.log");
        FfmpegBinaries real = FfmpegBinaries.locate();
        this.plain = new FfmpegRunner(real);
        this.timed = new FfmpegRunner(new FfmpegBinaries(wrap(real.ffmpeg(), "ffmpeg"), wrap(real.ffprobe(), "ffprobe")));
        this.watermark = work.resolve("watermark.png");
        this.music = work.resolve("music.m4a");
        plain.ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i",
                "color=c=white@0.0:s=360x100,format=rgba,drawbox=x=10:y=10:w=340:h=80:color=white@0.6:t=fill,"
                        + "drawbox=x=20:y=20:w=60:h=60:color=black@0.8:t=8",
                "-frames:v", "1", "-y", watermark.toString()), STEP_LIMIT);
        plain.ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i",
                "aevalsrc=0.1*sin(2*PI*261.63*t)+0.08*sin(2*PI*329.63*t)+0.06*sin(2*PI*392*t):s=48000:c=stereo:d=30",
                "-c:a", "aac", "-b:a", "128k", "-y", music.toString()), STEP_LIMIT);
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        Path work = Files.createTempDirectory("ichibyo-render-bench-");
        try {
            new RenderBenchmark(work).run(runs);
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.out.println("kept the work directory " + work);
                return;
            }
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(int runs) throws IOException {
        RenderPlan plan = plan(sources());
        Path reference = work.resolve("reference.mp4");
        new MovieRenderer(new MediaProbe(plain, null), SETTINGS.withQuality("veryfast", 4)).render(plan, reference);
        if (Boolean.getBoolean("bench.keep")) {
            Path cmd = work.resolve("fused-command");
            Files.createDirectories(cmd);
            Files.writeString(cmd.resolve("args.txt"), String.join("\n",
                    new MovieRenderer(new MediaProbe(plain, null), SETTINGS).prepare(plan, work.resolve("fused.mp4"), cmd).arguments()));
        }

        List<Measure> fused = new ArrayList<>();
        List<Measure> stepwise = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            fused.add(measure("fused", () -> renderFused(plan)));
            stepwise.add(measure("stepwise", () -> renderStepwise(plan)));
        }
        Quality fusedQuality = quality(fused.getLast().output, reference);
        Quality stepwiseQuality = quality(stepwise.getLast().output, reference);
        double fusedCpu = median(fused.stream().mapToDouble(m -> m.cpu).toArray());
        double stepCpu = median(stepwise.stream().mapToDouble(m -> m.cpu).toArray());
        double fusedWall = median(fused.stream().mapToDouble(m -> m.wall).toArray());
        double stepWall = median(stepwise.stream().mapToDouble(m -> m.wall).toArray());

        System.out.printf(Locale.ROOT, "%nRender benchmark: %d video clips -> %dx%d @ %d fps, x264 %s crf %d, %d runs each (medians)%n",
                CLIPS, plan.output().width(), plan.output().height(), FPS, SETTINGS.x264Preset(), SETTINGS.crf(), runs);
        System.out.printf(Locale.ROOT, "| pipeline | ffmpeg runs | CPU s | wall s | peak RSS MB | SSIM | PSNR dB | movie s |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|---|%n");
        row("(a) fused, one ffmpeg", fused, fusedCpu, fusedWall, fusedQuality);
        row("(b) one ffmpeg per step", stepwise, stepCpu, stepWall, stepwiseQuality);
        System.out.printf(Locale.ROOT, "CPU ratio (b)/(a): %.2fx; wall ratio (b)/(a): %.2fx; PSNR (a)-(b): %+.2f dB; SSIM (a)-(b): %+.4f%n",
                stepCpu / fusedCpu, stepWall / fusedWall, fusedQuality.psnr - stepwiseQuality.psnr, fusedQuality.ssim - stepwiseQuality.ssim);
        System.out.printf(Locale.ROOT, "per-run CPU s: fused %s, stepwise %s%n",
                fused.stream().map(m -> String.format(Locale.ROOT, "%.2f", m.cpu)).toList(),
                stepwise.stream().map(m -> String.format(Locale.ROOT, "%.2f", m.cpu)).toList());
    }

    private static void row(String name, List<Measure> runs, double cpu, double wall, Quality q) {
        Measure last = runs.getLast();
        long peak = runs.stream().mapToLong(m -> m.peakKb).max().orElse(0);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %d | %.4f | %.2f | %.2f |%n",
                name, last.processes, cpu, wall, peak / 1024, q.ssim, q.psnr, q.duration);
    }

    /**
     * The clips' sources: the real street video (MPEG-4 Part 2, 768×576), the real film excerpt
     * (with sound), and a phone-like 1080p H.264 video made from the street video, once upright and
     * once stored sideways with a rotate=90 tag as phones record portrait video.
     */
    private List<Path> sources() {
        Path phone = work.resolve("phone-1080p.mp4");
        plain.ffmpeg(List.of("-v", "error", "-ss", "5", "-t", "40", "-i", SampleMedia.streetVideo().toString(),
                "-f", "lavfi", "-t", "40", "-i", "sine=f=330:r=48000",
                "-vf", "scale=1920:1080,fps=30", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-g", "60",
                "-c:a", "aac", "-shortest", "-y", phone.toString()), STEP_LIMIT);
        Path sideways = work.resolve("phone-sideways.mp4");
        plain.ffmpeg(List.of("-v", "error", "-i", phone.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90",
                "-y", sideways.toString()), STEP_LIMIT);
        return List.of(SampleMedia.streetVideo(), SampleMedia.filmWithAudio(), phone, sideways);
    }

    private RenderPlan plan(List<Path> sources) {
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < CLIPS; i++) {
            Path source = sources.get(i % sources.size());
            double start = source.equals(SampleMedia.filmWithAudio()) ? 1 + (i % 8) : 2 + i * 1.5;
            clips.add(Clip.video(source.toString(), start));
        }
        return RenderPlan.of(new Output(ichibyo.core.render.Aspect.LANDSCAPE, 720, FPS, EditionStyle.QUARTERLY),
                "Our spring", watermark.toString(), new Music(music.toString(), 0, 0.4), clips);
    }

    private Path renderFused(RenderPlan plan) {
        Path out = work.resolve("fused.mp4");
        new MovieRenderer(new MediaProbe(timed, null), SETTINGS).render(plan, out);
        return out;
    }

    /** One ffmpeg run per step, each re-encoding what the step before wrote. */
    private Path renderStepwise(RenderPlan plan) {
        int width = plan.output().width();
        int height = plan.output().height();
        List<String> encode = List.of("-c:v", "libx264", "-preset", SETTINGS.x264Preset(), "-crf", String.valueOf(SETTINGS.crf()),
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac", "2");
        // The crossfade the renderer plans (whole frames), so that both movies line up frame by frame.
        double crossfade = crossfade(plan);
        List<Path> finished = new ArrayList<>();
        for (int i = 0; i < plan.clips().size(); i++) {
            Clip clip = plan.clips().get(i);
            double seconds = clip.durationOrDefault();
            // 1. trim (ffmpeg turns tagged video upright while decoding); silence where there is no sound
            Path trimmed = work.resolve("s1-" + i + ".mp4");
            boolean sound = new MediaProbe(plain, null).probe(Path.of(clip.source())).hasAudio();
            timed.ffmpeg(concat(List.of("-v", "error", "-ss", num(clip.startOrZero()), "-t", num(seconds + 0.2), "-i", clip.source(),
                    "-f", "lavfi", "-t", num(seconds + 0.2), "-i", "anullsrc=r=48000:cl=stereo",
                    "-map", "0:v", "-map", sound ? "0:a" : "1:a"), encode, List.of("-y", trimmed.toString())), STEP_LIMIT);
            // 2. rotate/crop: to the movie's aspect and size, frame rate, exact length
            Path framed = work.resolve("s2-" + i + ".mp4");
            timed.ffmpeg(concat(List.of("-v", "error", "-i", trimmed.toString(), "-vf",
                    "crop='min(iw,ih*" + width + "/" + height + ")':'min(ih,iw*" + height + "/" + width + ")',scale=" + width + ":" + height
                            + ",fps=" + FPS + ",setsar=1,trim=end_frame=" + Math.round(seconds * FPS) + ",setpts=PTS-STARTPTS",
                    "-af", "atrim=end=" + num(seconds) + ",asetpts=PTS-STARTPTS"), encode, List.of("-y", framed.toString())), STEP_LIMIT);
            // 3. effect: the edition's title over the first seconds of the movie, from this clip's place in it
            Path effected = work.resolve("s3-" + i + ".mp4");
            double offset = i * (seconds - crossfade);
            timed.ffmpeg(concat(List.of("-v", "error", "-i", framed.toString(), "-vf",
                    "drawtext=fontfile=" + font() + ":text='" + plan.title() + "':fontsize=" + (height / 11) + ":fontcolor=white"
                            + ":borderw=3:bordercolor=black@0.7:x=(w-text_w)/2:y=h*0.78-text_h/2:enable='lt(t+" + num(offset) + ",2.5)'"),
                    encode, List.of("-y", effected.toString())), STEP_LIMIT);
            // 4. watermark
            Path marked = work.resolve("s4-" + i + ".mp4");
            timed.ffmpeg(concat(List.of("-v", "error", "-i", effected.toString(), "-i", plan.watermark(), "-filter_complex",
                    "[1:v]scale=" + (width / 6 / 2 * 2) + ":-2,format=rgba[wm];[0:v][wm]overlay=x=main_w-overlay_w-" + (width / 40)
                            + ":y=main_h-overlay_h-" + (width / 40)), encode, List.of("-y", marked.toString())), STEP_LIMIT);
            finished.add(marked);
        }
        // 5. crossfade join, with the music under the clips' sound
        Path out = work.resolve("stepwise.mp4");
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        for (Path clip : finished) {
            args.addAll(List.of("-i", clip.toString()));
        }
        args.addAll(List.of("-i", plan.music().source()));
        StringBuilder graph = new StringBuilder();
        String v = "0:v";
        String a = "0:a";
        double offset = 0;
        for (int k = 1; k < finished.size(); k++) {
            offset += 1.0 - crossfade;
            graph.append('[').append(v).append("][").append(k).append(":v]xfade=transition=fade:duration=").append(num(crossfade))
                    .append(":offset=").append(num(offset)).append("[v").append(k).append("];");
            graph.append('[').append(a).append("][").append(k).append(":a]acrossfade=d=").append(num(crossfade))
                    .append(":c1=tri:c2=tri[a").append(k).append("];");
            v = "v" + k;
            a = "a" + k;
        }
        double total = offset + 1.0;
        graph.append('[').append(finished.size()).append(":a]volume=").append(num(plan.music().volume()))
                .append(",atrim=end=").append(num(total)).append("[m];[").append(a)
                .append("][m]amix=inputs=2:duration=first:normalize=0[aout]");
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[" + v + "]", "-map", "[aout]"));
        args.addAll(encode);
        args.addAll(List.of("-profile:v", "high", "-movflags", "+faststart", "-y", out.toString()));
        timed.ffmpeg(args, STEP_LIMIT);
        return out;
    }

    private double crossfade(RenderPlan plan) {
        try {
            Path dir = Files.createTempDirectory(work, "plan-");
            double movie = new MovieRenderer(new MediaProbe(plain, null), SETTINGS).prepare(plan, dir.resolve("x.mp4"), dir).duration();
            double clips = plan.clips().stream().mapToDouble(Clip::durationOrDefault).sum();
            return (clips - movie) / (plan.clips().size() - 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path font() {
        Path font = work.resolve("title.ttf");
        if (!Files.exists(font)) {
            try (var in = MovieRenderer.class.getResourceAsStream("fonts/DejaVuSans-Bold.ttf")) {
                Files.copy(in, font);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the renderer's title font is not on the classpath", e);
            }
        }
        return font;
    }

    private Measure measure(String name, java.util.function.Supplier<Path> render) throws IOException {
        Files.deleteIfExists(timeLog);
        long started = System.nanoTime();
        Path output = render.get();
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = 0;
        double probeCpu = 0;
        long peak = 0;
        int processes = 0;
        for (String line : Files.readAllLines(timeLog)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 5) {
                continue; // GNU time's notes ("Command exited with non-zero status")
            }
            cpu += Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
            peak = Math.max(peak, Long.parseLong(f[3]));
            if (f[4].equals("ffmpeg")) {
                processes++;
            } else {
                probeCpu += Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
            }
        }
        System.out.printf(Locale.ROOT, "  %-8s cpu %.2f s (ffprobe %.2f s), wall %.2f s, %d ffmpeg runs%n",
                name, cpu, probeCpu, wall, processes);
        return new Measure(output, cpu, wall, peak, processes);
    }

    private Quality quality(Path movie, Path reference) {
        String err = plain.ffmpeg(List.of("-i", movie.toString(), "-i", reference.toString(), "-lavfi",
                "[0:v]split[a0][a1];[1:v]split[b0][b1];[a0][b0]ssim;[a1][b1]psnr", "-f", "null", "-"), STEP_LIMIT).stderrTail();
        Matcher ssim = Pattern.compile("SSIM .*All:([0-9.]+)").matcher(err);
        Matcher psnr = Pattern.compile("PSNR .*average:([0-9.inf]+)").matcher(err);
        if (!ssim.find() || !psnr.find()) {
            throw new IllegalStateException("no SSIM/PSNR in ffmpeg's output:\n" + err);
        }
        double duration = Double.parseDouble(plain.ffprobe(List.of("-v", "error", "-show_entries", "format=duration",
                "-of", "default=nw=1:nk=1", movie.toString()), STEP_LIMIT).stdoutText().trim());
        return new Quality(Double.parseDouble(ssim.group(1)), Double.parseDouble(psnr.group(1)), duration);
    }

    /** A script that runs the binary under GNU time, appending "user sys wall maxrssKB name" to the log. */
    private Path wrap(Path binary, String name) throws IOException {
        Path time = Path.of("/usr/bin/time");
        if (!Files.isExecutable(time)) {
            throw new IllegalStateException("the benchmark needs GNU time at /usr/bin/time (Debian package 'time')");
        }
        Path script = work.resolve("timed-" + name);
        Files.writeString(script, "#!/bin/sh\nexec " + time + " -a -o '" + timeLog + "' -f '%U %S %e %M " + name + "' '"
                + binary + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private record Measure(Path output, double cpu, double wall, long peakKb, int processes) {}

    private record Quality(double ssim, double psnr, double duration) {}
}
