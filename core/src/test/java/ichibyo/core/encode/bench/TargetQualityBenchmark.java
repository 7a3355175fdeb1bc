package ichibyo.core.encode.bench;

import ichibyo.core.encode.Chunk;
import ichibyo.core.encode.ChunkEncoder;
import ichibyo.core.encode.ChunkJoiner;
import ichibyo.core.encode.ChunkLimits;
import ichibyo.core.encode.ChunkPlanner;
import ichibyo.core.encode.ChunkRate;
import ichibyo.core.encode.Codec;
import ichibyo.core.encode.Container;
import ichibyo.core.encode.MasterInfo;
import ichibyo.core.encode.MasterProbe;
import ichibyo.core.encode.OutputSize;
import ichibyo.core.encode.Profile;
import ichibyo.core.encode.QualityProbe;
import ichibyo.core.encode.RateControl;
import ichibyo.core.encode.TargetQualityPlanner;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import ichibyo.samples.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark 4 of issue 10, target quality: not a test, a measurement ({@code scripts/bench encode-target [targetSsim]}).
 *
 * <p>A master of real videos of different difficulty, 960×540 at 24 fps, joined with cuts: the street video (vtest.avi,
 * its 10 fps frames played at 24), the film excerpt (Megamind.avi), the small cinepak clip (tree.avi, upscaled: soft),
 * and a real photo held for 4 s (messi5.jpg: a title card). Cut into chunks at its scene cuts (2–8 s), then encoded
 * with the same chunks, codec (x264), preset and GOP (a) with a target-quality profile (every chunk's CRF searched,
 * 3 probes per chunk) and (b) at every rung of a fixed CRF ladder. Each output's SSIM is measured on every frame
 * against the master. Bits are video bytes of the joined output.
 */
public final class TargetQualityBenchmark {
    static final Duration LIMIT = Duration.ofMinutes(10);
    static final FfmpegRunner FFMPEG = FfmpegRunner.local();
    // Every CRF, so the rung that meets the target is the highest that does, not the nearest even one.
    static final int[] LADDER = {18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34};
    static final String PRESET = "veryfast";

    record Result(String name, long bytes, double ssimMean, double chunkSsimMin, List<Double> chunkSsims, double seconds) {}

    public static void main(String[] args) throws Exception {
        double target = args.length > 0 ? Double.parseDouble(args[0]) : 0.97;
        Path work = WorkDirs.create("bench-encode-target");
        try {
            Path masterFile = makeMaster(work);
            MediaLocation master = MediaLocation.of(masterFile);
            MasterInfo info = new MasterProbe(FFMPEG, LIMIT).probe(master);
            List<Integer> cuts = new MasterProbe(FFMPEG, LIMIT).sceneCuts(master, info, 0.3);
            List<Chunk> chunks = ChunkPlanner.plan(info.frames(), info.fps(), cuts, new ChunkLimits(2, 4, 8));
            System.out.printf(Locale.ROOT, "master: %dx%d, %d frames at %.3f fps (%.1f s), scene cuts %s, %d chunks starting at %s%n",
                    info.width(), info.height(), info.frames(), info.fps(), info.framesDuration(), cuts, chunks.size(),
                    chunks.stream().map(Chunk::startFrame).toList());

            Profile targetProfile = profile("tq-540p", RateControl.targetSsim(target, 14, 40, 3, null, null));
            // The search one chunk at a time, then as many at once as there are processors (the default), side by side.
            int cores = Runtime.getRuntime().availableProcessors();
            long t0 = System.nanoTime();
            List<ChunkRate> serial = new TargetQualityPlanner(FFMPEG, LIMIT, 1).plan(master, info, chunks, List.of(targetProfile),
                    Files.createDirectories(work.resolve("plan-serial")));
            double serialSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            List<ChunkRate> rates = new TargetQualityPlanner(FFMPEG, LIMIT, cores).plan(master, info, chunks, List.of(targetProfile),
                    Files.createDirectories(work.resolve("plan")));
            double searchSeconds = (System.nanoTime() - t0) / 1e9;
            if (!serial.equals(rates)) {
                throw new IllegalStateException("the parallel search chose differently: " + serial + " vs " + rates);
            }
            int probes = rates.stream().mapToInt(r -> r.probes().size()).sum();
            System.out.printf(Locale.ROOT, "search: %.1f s one chunk at a time, %.1f s %d at once (%.2fx; the same CRFs), %d probe encodes "
                    + "of up to %.0f s each (%.2f per chunk)%n", serialSeconds, searchSeconds, cores, serialSeconds / searchSeconds, probes,
                    QualityProbe.SAMPLE_SECONDS, (double) probes / chunks.size());
            for (ChunkRate r : rates) {
                Chunk c = chunks.get(r.chunk());
                System.out.printf(Locale.ROOT, "  chunk %d (frames %d–%d): CRF %d%s, probes %s%n", r.chunk(), c.startFrame(), c.endFrame() - 1,
                        r.crf(), r.reached() ? "" : " (target not reached in range)",
                        r.probes().stream().map(p -> String.format(Locale.ROOT, "%d→%.4f", p.crf(), p.ssim())).toList());
            }

            List<Result> ladder = new ArrayList<>();
            Result tq = encode(work, master, info, chunks, "target SSIM " + target, c -> {
                int crf = rates.get(c.index()).crf();
                return targetProfile.withRateControl(targetProfile.rateControl().forChunk(crf));
            });
            for (int crf : LADDER) {
                ladder.add(encode(work, master, info, chunks, "fixed CRF " + crf, c -> profile("fixed-540p", RateControl.crf(crf))));
            }

            System.out.println();
            System.out.println("| encode | video kB | kb/s | SSIM mean (all frames) | lowest chunk SSIM | chunks ≥ target | encode s |");
            System.out.println("|---|---|---|---|---|---|---|");
            print(tq, info, target);
            for (Result r : ladder) {
                print(r, info, target);
            }
            System.out.printf(Locale.ROOT, "%ntarget-quality chunk SSIMs: %s%n", fmt(tq.chunkSsims()));

            // (A) the fixed rung of equal or lower mean quality with the most bits (the closest below or at the target encode's mean).
            Result equalOrLower = ladder.stream().filter(r -> r.ssimMean() <= tq.ssimMean()).findFirst().orElse(null);
            // (B) the fixed rung a ladder must use to give every chunk the target: the highest CRF whose lowest chunk meets it.
            Result guarantee = null;
            for (Result r : ladder) {
                if (r.chunkSsimMin() >= target) {
                    guarantee = r;
                }
            }
            System.out.println();
            report("(A) vs the fixed rung of equal or lower mean SSIM", tq, equalOrLower);
            report("(B) vs the fixed rung whose every chunk meets the target", tq, guarantee);
            System.out.printf(Locale.ROOT, "probe cost: %d probe encodes of ≤ %d frames = %.0f %% of the frames of one encode; search %.1f s vs the "
                    + "target encode's %.1f s%n", probes, (int) Math.round(QualityProbe.SAMPLE_SECONDS * info.fps()),
                    100.0 * probeFrames(rates, chunks, info) / info.frames(), searchSeconds, tq.seconds());
        } finally {
            WorkDirs.delete(work);
        }
    }

    static long probeFrames(List<ChunkRate> rates, List<Chunk> chunks, MasterInfo info) {
        long budget = Math.round(QualityProbe.SAMPLE_SECONDS * info.fps());
        long frames = 0;
        for (ChunkRate r : rates) {
            int chunkFrames = chunks.get(r.chunk()).frames();
            long sample = chunkFrames <= budget ? chunkFrames : QualityProbe.WINDOWS * ((budget + QualityProbe.WINDOWS - 1) / QualityProbe.WINDOWS);
            frames += sample * r.probes().size();
        }
        return frames;
    }

    static void report(String what, Result tq, Result rung) {
        if (rung == null) {
            System.out.println(what + ": no rung of the ladder qualifies");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: %s, %d kB at SSIM %.4f (lowest chunk %.4f); target quality %d kB at SSIM %.4f (lowest chunk %.4f): "
                        + "**%.1f %% fewer bits**%n", what, rung.name(), rung.bytes() / 1000, rung.ssimMean(), rung.chunkSsimMin(), tq.bytes() / 1000,
                tq.ssimMean(), tq.chunkSsimMin(), 100.0 * (1 - (double) tq.bytes() / rung.bytes()));
    }

    static void print(Result r, MasterInfo info, double target) {
        long met = r.chunkSsims().stream().filter(s -> s >= target).count();
        System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.4f | %.4f | %d/%d | %.1f |%n", r.name(), r.bytes() / 1000,
                r.bytes() * 8 / 1000.0 / info.framesDuration(), r.ssimMean(), r.chunkSsimMin(), met, r.chunkSsims().size(), r.seconds());
    }

    static String fmt(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.4f", v)).toList().toString();
    }

    static Profile profile(String id, RateControl rc) {
        return new Profile(id, 1, Codec.H264, 960, 540, 0, rc, 2, PRESET, null, Container.MP4);
    }

    interface PerChunk {
        Profile profile(Chunk chunk);
    }

    static Result encode(Path work, MediaLocation master, MasterInfo info, List<Chunk> chunks, String name, PerChunk perChunk) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name.replaceAll("[^A-Za-z0-9]+", "-")));
        ChunkEncoder encoder = new ChunkEncoder(FFMPEG, LIMIT);
        long t0 = System.nanoTime();
        for (Chunk chunk : chunks) {
            encoder.encode(master, info, chunk, perChunk.profile(chunk), dir.resolve(chunk.fileName()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Profile any = perChunk.profile(chunks.getFirst());
        Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, chunks, master, info, any, dir.resolve("out.mp4"));
        double[] ssim = new QualityProbe(FFMPEG, LIMIT).frameSsims(MediaLocation.of(out), master, OutputSize.of(info, any), dir.resolve("ssim.log"));
        if (ssim.length != info.frames()) {
            throw new IllegalStateException(name + ": compared " + ssim.length + " of " + info.frames() + " frames");
        }
        List<Double> chunkSsims = new ArrayList<>();
        for (Chunk c : chunks) {
            chunkSsims.add(QualityProbe.mean(ssim, c.startFrame(), c.endFrame()));
        }
        long bytes = Files.size(out);
        Result r = new Result(name, bytes, QualityProbe.mean(ssim, 0, ssim.length), chunkSsims.stream().mapToDouble(d -> d).min().orElse(0),
                chunkSsims, seconds);
        System.out.printf(Locale.ROOT, "encoded %s: %d kB, SSIM %.4f, %.1f s%n", name, bytes / 1000, r.ssimMean(), seconds);
        WorkDirs.delete(dir);
        return r;
    }

    /** The master: four real sources of different difficulty, each fitted into 960×540 (padded), at 24 fps, near-lossless (x264 CRF 6). */
    static Path makeMaster(Path work) {
        Path out = work.resolve("master.mp4");
        String fit = "scale=960:540:force_original_aspect_ratio=decrease:flags=bicubic,pad=960:540:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p";
        Path tree = SampleMedia.streetVideo().resolveSibling("tree.avi");
        String graph = "[0:v]trim=start_frame=0:end_frame=192,settb=1/24,setpts=N," + fit + "[a];"
                + "[1:v]trim=start_frame=0:end_frame=240,settb=1/24,setpts=N," + fit + "[b];"
                + "[2:v]settb=1/24,setpts=N," + fit + "[c];"
                + "[3:v]loop=loop=95:size=1:start=0,settb=1/24,setpts=N," + fit + "[d];"
                + "[a][b][c][d]concat=n=4:v=1:a=0[v]";
        FFMPEG.ffmpeg(List.of("-v", "error", "-i", SampleMedia.streetVideo().toString(), "-i", SampleMedia.filmWithAudio().toString(),
                "-i", tree.toString(), "-i", SampleMedia.footballPhoto().toString(), "-filter_complex", graph, "-map", "[v]",
                "-r", "24", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "6", "-g", "24", "-y", out.toString()), LIMIT);
        return out;
    }
}
