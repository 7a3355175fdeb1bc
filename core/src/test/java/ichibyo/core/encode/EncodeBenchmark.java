package ichibyo.core.encode;

import ichibyo.core.cost.Prices;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test (BENCHMARKS.md, "Encoding"): {@code scripts/bench encode [seconds] [height] [runs] [tailMinutes]}.
 * <ol>
 *   <li>Parallel efficiency: a master of {@code seconds} (default 20) at {@code height} (default 720) made from
 *   the real sample videos, one profile ({@value #EFFICIENCY_PROFILE}), x264 single-threaded: the master's chunks
 *   (default limits) on 2 workers at once vs the whole master as one chunk on 1 worker, {@code runs} of each,
 *   alternating; sizes and SSIM/PSNR of both.</li>
 *   <li>Fan-out model: an 8 s 1080p master in two chunks, encoded for 5 rungs of the Apple ladder (frames/s per
 *   profile, single-threaded), joined and verified; the tail (join, verify, package) timed at full length on the master
 *   looped to {@code tailMinutes} (default 30); from those, a 30-minute 1080p master on 100 and on 1 Fargate tasks, with its cost.</li>
 *   <li>Seams: over every output above, the largest SSIM drop at a seam below its output's median, and the largest
 *   audio difference around a seam against a single-pass encode of the sound.</li>
 * </ol>
 */
public final class EncodeBenchmark {
    static final Duration LIMIT = Duration.ofMinutes(20);
    static final FfmpegRunner FFMPEG = FfmpegRunner.local();
    static final String EFFICIENCY_PROFILE = "hls-540p-2000k";
    static final List<String> LADDER = List.of("hls-234p-145k", "hls-432p-730k", "hls-540p-2000k", "hls-720p-3000k", "hls-1080p-6000k");

    // The model's assumptions (printed with the figures).
    /** The encode-chunk task as Ichibyo.app() defines it: 4 vCPU, 8 GB, Spot. */
    static final double TASK_VCPU = 4, TASK_GB = 8;
    /** x264 on 4 threads does 3.2× what one thread does (80 % scaling: lookahead and slice-free frame threading). */
    static final double THREAD_SPEEDUP_4 = 3.2;
    /** A Fargate arm64 vCPU encodes at the speed of one core of this machine (AMD EPYC). Unmeasured. */
    static final double VCPU_VS_HERE = 1.0;
    /** A Fargate task's start (placement, image pull, JVM) and the chunk's reads and writes to S3. */
    static final double TASK_START_SECONDS = 40, TASK_IO_SECONDS = 3;
    /** The 30-minute master: 1080p at 30 fps. */
    static final int MODEL_FRAMES = 30 * 60 * 30;
    static final double MODEL_FPS = 30;

    private EncodeBenchmark() {}

    public static void main(String[] args) throws Exception {
        String missing = RealMasters.missing();
        if (missing != null) {
            System.err.println(missing);
            System.exit(2);
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 720;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        double tailMinutes = args.length > 3 ? Double.parseDouble(args[3]) : 30;
        int width = height * 16 / 9 / 2 * 2;
        Path work = WorkDirs.create("encode-bench");
        List<double[]> seamRows = new ArrayList<>();
        List<String> seamNames = new ArrayList<>();
        try {
            System.out.printf("load average at start: %s%n", loadAverage());
            // ---- (1) parallel efficiency
            int parts = (int) Math.round(seconds / 5);
            Path master = RealMasters.make(FFMPEG, work.resolve("master.mp4"), width, height, seconds / parts, parts, LIMIT);
            MediaLocation m = MediaLocation.of(master);
            MasterInfo info = new MasterProbe(FFMPEG, LIMIT).probe(m);
            List<Integer> cuts = new MasterProbe(FFMPEG, LIMIT).sceneCuts(m, info, 0.3);
            List<Chunk> chunks = ChunkPlanner.plan(info.frames(), info.fps(), cuts, ChunkLimits.DEFAULT);
            Chunk whole = new Chunk(0, 0, info.frames());
            Profile p = ProfileCatalog.seeds().set("apple-hls").profile(EFFICIENCY_PROFILE);
            System.out.printf("%n## (1) Parallel efficiency%nmaster %d×%d, %d frames at %.0f fps (%.1f s), cuts %s, chunks %s; profile %s, x264 threads=1%n",
                    info.width(), info.height(), info.frames(), info.fps(), info.framesDuration(), cuts,
                    chunks.stream().map(c -> c.startFrame() + "–" + c.endFrame()).toList(), p.id());
            List<Double> singleEncode = new ArrayList<>(), chunkedEncode = new ArrayList<>(), singleAll = new ArrayList<>(), chunkedAll = new ArrayList<>();
            Path singleDir = Files.createDirectories(work.resolve("single"));
            Path chunkDir = Files.createDirectories(work.resolve("chunked"));
            ExecutorService two = Executors.newFixedThreadPool(2);
            for (int r = 0; r < runs; r++) {
                double t0 = now();
                encode(m, info, whole, p, singleDir.resolve(whole.fileName()));
                double t1 = now();
                new ChunkJoiner(FFMPEG, LIMIT).join(singleDir, List.of(whole), m, info, p, work.resolve("single.mp4"));
                double t2 = now();
                singleEncode.add(t1 - t0);
                singleAll.add(t2 - t0);
                double c0 = now();
                List<Future<?>> futures = new ArrayList<>();
                for (Chunk c : chunks) {
                    futures.add(two.submit(() -> encode(m, info, c, p, chunkDir.resolve(c.fileName()))));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                double c1 = now();
                new ChunkJoiner(FFMPEG, LIMIT).join(chunkDir, chunks, m, info, p, work.resolve("chunked.mp4"));
                double c2 = now();
                chunkedEncode.add(c1 - c0);
                chunkedAll.add(c2 - c0);
                System.out.printf("run %d: single %.2f s encode (+join %.2f s), chunked on 2 workers %.2f s (+join %.2f s), load %s%n",
                        r + 1, t1 - t0, t2 - t1, c1 - c0, c2 - c1, loadAverage());
            }
            two.shutdown();
            long singleBytes = Files.size(singleDir.resolve(whole.fileName()));
            long chunkedBytes = 0;
            for (Chunk c : chunks) {
                chunkedBytes += Files.size(chunkDir.resolve(c.fileName()));
            }
            OutputVerifier verifier = new OutputVerifier(FFMPEG, LIMIT);
            OutputVerification vs = verifier.verify(MediaLocation.of(work.resolve("single.mp4")), m, info, p, List.of(whole),
                    ChunkQualities.of(FFMPEG, LIMIT, singleDir, List.of(whole), m, info, p), Files.createDirectories(work.resolve("v-single")));
            OutputVerification vc = verifier.verify(MediaLocation.of(work.resolve("chunked.mp4")), m, info, p, chunks,
                    ChunkQualities.of(FFMPEG, LIMIT, chunkDir, chunks, m, info, p), Files.createDirectories(work.resolve("v-chunked")));
            double ts = median(singleEncode), tc = median(chunkedEncode);
            System.out.printf("| | single pass, 1 worker | chunked, 2 workers |%n|---|---|---|%n");
            System.out.printf("| encode wall s (median of %d) | %.2f | %.2f |%n", runs, ts, tc);
            System.out.printf("| with join s (median) | %.2f | %.2f |%n", median(singleAll), median(chunkedAll));
            System.out.printf("| video bytes | %,d | %,d (%+.2f %%) |%n", singleBytes, chunkedBytes, 100.0 * (chunkedBytes - singleBytes) / singleBytes);
            System.out.printf("| SSIM mean / median | %.4f / %.4f | %.4f / %.4f |%n", vs.ssimMean(), vs.ssimMedian(), vc.ssimMean(), vc.ssimMedian());
            System.out.printf("| PSNR mean dB | %.2f | %.2f |%n", vs.psnrMean(), vc.psnrMean());
            System.out.printf("| verification | %s | %s |%n", vs.passed() ? "passed" : vs.failures(), vc.passed() ? "passed" : vc.failures());
            System.out.printf("efficiency T_single / (2 × T_chunked): encode %.3f, with join %.3f; chunk frames %s%n", ts / (2 * tc),
                    median(singleAll) / (2 * median(chunkedAll)), chunks.stream().map(Chunk::frames).toList());
            addSeams(seamNames, seamRows, "efficiency " + p.id(), vc, work.resolve("chunked.mp4"), work.resolve("single.mp4"), chunks, info,
                    RealMasters.pcm(FFMPEG, master, LIMIT));

            // ---- (2) fan-out: per-chunk speed of each rung at 1080p, and the tail
            Path hd = RealMasters.make(FFMPEG, work.resolve("master-1080p.mp4"), 1920, 1080, 4, 2, LIMIT);
            MediaLocation h = MediaLocation.of(hd);
            MasterInfo hInfo = new MasterProbe(FFMPEG, LIMIT).probe(h);
            float[] hPcm = RealMasters.pcm(FFMPEG, hd, LIMIT);
            List<Chunk> hChunks = ChunkPlanner.plan(hInfo.frames(), hInfo.fps(), new MasterProbe(FFMPEG, LIMIT).sceneCuts(h, hInfo, 0.3),
                    new ChunkLimits(2, 4, 8));
            System.out.printf("%n## (2) Per-chunk speed, 1080p master %d frames, chunks %s, x264 threads=1, one chunk at a time%n",
                    hInfo.frames(), hChunks.stream().map(c -> c.startFrame() + "–" + c.endFrame()).toList());
            System.out.println("| profile | output | encode frames/s per chunk (each chunk) | measure frames/s (encode-chunk's check) | join s | verify s |");
            System.out.println("|---|---|---|---|---|---|");
            Map<String, Double> fps = new LinkedHashMap<>();
            Map<String, Double> measureFps = new LinkedHashMap<>();
            List<ChunkQuality> lastQualities = List.of();
            for (String id : LADDER) {
                Profile rung = ProfileCatalog.seeds().set("apple-hls").profile(id);
                Path dir = Files.createDirectories(work.resolve("fan-" + id));
                List<Double> rates = new ArrayList<>();
                double encodeSeconds = 0;
                for (Chunk c : hChunks) {
                    double a = now();
                    encode(h, hInfo, c, rung, dir.resolve(c.fileName()));
                    double s = now() - a;
                    encodeSeconds += s;
                    rates.add(c.frames() / s);
                }
                fps.put(id, hInfo.frames() / encodeSeconds);
                double m0 = now();
                List<ChunkQuality> qualities = ChunkQualities.of(FFMPEG, LIMIT, dir, hChunks, h, hInfo, rung);
                measureFps.put(id, hInfo.frames() / (now() - m0));
                lastQualities = qualities;
                double j0 = now();
                Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, hChunks, h, hInfo, rung, work.resolve(id + ".mp4"));
                double j1 = now();
                OutputVerification v = verifier.verify(MediaLocation.of(out), h, hInfo, rung, hChunks, qualities,
                        Files.createDirectories(dir.resolve("v")));
                double j2 = now();
                OutputSize size = OutputSize.of(hInfo, rung);
                System.out.printf("| %s | %d×%d | %.1f (%s) | %.1f | %.2f | %.2f |%n", id, size.width(), size.height(), fps.get(id),
                        rates.stream().map(x -> String.format("%.1f", x)).toList(), measureFps.get(id), j1 - j0, j2 - j1);
                // The reference sound: the master's, encoded in one pass with the rung's audio settings as join does.
                Path refAudio = singleAudio(h, hInfo, rung, dir.resolve("audio-single.m4a"));
                addSeams(seamNames, seamRows, "fan-out " + id, v, out, refAudio, hChunks, hInfo, hPcm);
                if (!v.passed()) {
                    System.out.println("  verification failed: " + v.failures());
                }
            }
            double[] tail = tailAtLength(work, hd, hInfo, hChunks, lastQualities, ProfileCatalog.seeds().set("apple-hls").profile(LADDER.getLast()),
                    work.resolve("fan-" + LADDER.getLast()), tailMinutes);
            model(fps, measureFps, tail);

            // ---- (3) seams
            System.out.printf("%n## (3) Seams over every chunked output above%n");
            System.out.println("| output | seams | median SSIM | largest drop at a seam (median − seam) | audio max |Δ| at a seam | audio RMS Δ at a seam | codec noise max / RMS elsewhere |");
            System.out.println("|---|---|---|---|---|---|---|");
            double worstDrop = -1, worstMax = 0, worstRms = 0;
            for (int i = 0; i < seamRows.size(); i++) {
                double[] r = seamRows.get(i);
                System.out.printf("| %s | %d | %.4f | %.4f | %.2e | %.2e | %.2e / %.2e |%n", seamNames.get(i), (int) r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
                worstDrop = Math.max(worstDrop, r[2]);
                worstMax = Math.max(worstMax, r[3]);
                worstRms = Math.max(worstRms, r[4]);
            }
            System.out.printf("largest SSIM drop at a seam below its output's median: %.4f; largest audio difference around a seam: max %.2e, RMS %.2e%n",
                    worstDrop, worstMax, worstRms);
            System.out.printf("load average at end: %s%n", loadAverage());
        } finally {
            WorkDirs.delete(work);
        }
    }

    /** One chunk through ChunkEncoder's own command, with every stage single-threaded (decoder, filters, x264). */
    static void encode(MediaLocation master, MasterInfo info, Chunk chunk, Profile profile, Path out) {
        List<String> args = new ArrayList<>(List.of("-filter_threads", "1", "-threads", "1"));
        List<String> command = ChunkEncoder.command(master, info, chunk, profile, out);
        int output = command.lastIndexOf("-f");
        args.addAll(command.subList(0, output));
        args.addAll(List.of("-threads", "1"));
        args.addAll(command.subList(output, command.size()));
        FFMPEG.ffmpeg(args, LIMIT);
    }

    /** The master's sound alone, encoded in one pass with the profile's settings and the joiner's trim. */
    static Path singleAudio(MediaLocation master, MasterInfo info, Profile profile, Path out) {
        AudioSettings a = profile.audio();
        String s = ChunkEncoder.seconds(info.framesDuration());
        FFMPEG.ffmpeg(List.of("-v", "error", "-i", master.ffmpegUrl(), "-map", "0:a:0", "-c:a", a.codec(), "-b:a", a.bitrateKbps() + "k",
                "-ac", Integer.toString(a.channels()), "-ar", Integer.toString(a.sampleRate()), "-af", "atrim=end=" + s + ",apad=whole_dur=" + s,
                "-f", "mp4", "-y", "file:" + out.toAbsolutePath()), LIMIT);
        return out;
    }

    /** {seams, median SSIM, largest drop, audio max |Δ|, audio RMS Δ, codec noise max, codec noise RMS}. */
    static void addSeams(List<String> names, List<double[]> rows, String name, OutputVerification v, Path chunked, Path single,
            List<Chunk> chunks, MasterInfo info, float[] masterPcm) {
        double drop = v.seams().stream().mapToDouble(s -> v.ssimMedian() - s.ssim()).max().orElse(0);
        float[] c = RealMasters.pcm(FFMPEG, chunked, LIMIT);
        float[] s = RealMasters.pcm(FFMPEG, single, LIMIT);
        double max = 0, rms = 0;
        List<Double> seams = RealMasters.seamSeconds(chunks, info);
        for (double t : seams) {
            int at = (int) Math.round(t * 48_000);
            double[] d = RealMasters.difference(c, s, at - 2400, at + 2400);
            max = Math.max(max, d[0]);
            rms = Math.max(rms, d[1]);
        }
        // The codec's own noise: the chunked output's sound against the master's, away from the seams.
        double[] noise = RealMasters.codecNoise(c, masterPcm, seams, 2400);
        names.add(name);
        rows.add(new double[] {seams.size(), v.ssimMedian(), drop, max, rms, noise[0], noise[1]});
    }

    /**
     * The tail measured at full length, for the largest rung: the 8 s 1080p master looped by stream copy to {@code minutes},
     * and its encoded chunks repeated as the long master's chunks (hard links, every 4 s a seam), then join, verify and
     * package timed on the real long files. {join s, verify s, package s, frames, seams}.
     */
    static double[] tailAtLength(Path work, Path shortMaster, MasterInfo shortInfo, List<Chunk> shortChunks, List<ChunkQuality> shortQualities,
            Profile rung, Path chunkDir, double minutes) throws Exception {
        int loops = (int) Math.round(minutes * 60 / shortInfo.framesDuration());
        Path dir = Files.createDirectories(work.resolve("tail"));
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        List<Chunk> chunks = new ArrayList<>();
        // The long chunks are the short ones again, so their measurements are too (encode-chunk made them where they were encoded).
        List<ChunkQuality> qualities = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            list.append("file '").append(shortMaster.toAbsolutePath()).append("'\n");
            for (Chunk c : shortChunks) {
                Chunk long_ = new Chunk(chunks.size(), i * shortInfo.frames() + c.startFrame(), i * shortInfo.frames() + c.endFrame());
                Files.createLink(dir.resolve(long_.fileName()), chunkDir.resolve(c.fileName()));
                ChunkQuality q = shortQualities.get(c.index());
                qualities.add(new ChunkQuality(long_.index(), long_.startFrame(), q.ssim(), q.psnr()));
                chunks.add(long_);
            }
        }
        Files.writeString(dir.resolve("master.txt"), list);
        Path masterFile = work.resolve("master-long.mp4");
        FFMPEG.ffmpeg(List.of("-v", "error", "-f", "concat", "-safe", "0", "-i", dir.resolve("master.txt").toString(), "-c", "copy",
                "-y", "file:" + masterFile), LIMIT);
        MediaLocation master = MediaLocation.of(masterFile);
        MasterInfo info = new MasterProbe(FFMPEG, LIMIT).probe(master);
        System.out.printf("%n## (2b) The tail at full length: %s, master looped %d× by stream copy: %,d frames (%.1f min), %d chunks, %.0f MB master%n",
                rung.id(), loops, info.frames(), info.framesDuration() / 60, chunks.size(), Files.size(masterFile) / 1e6);
        if (info.frames() != chunks.getLast().endFrame()) {
            System.out.printf("  the looped master has %d frames, the chunks %d: verify will say so%n", info.frames(), chunks.getLast().endFrame());
        }
        double t0 = now();
        Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, chunks, master, info, rung, work.resolve("long.mp4"));
        double t1 = now();
        OutputVerification v = new OutputVerifier(FFMPEG, LIMIT).verify(MediaLocation.of(out), master, info, rung, chunks, qualities,
                Files.createDirectories(dir.resolve("v")));
        double t2 = now();
        new HlsPackager(FFMPEG, LIMIT).packageOutput(out, rung, dir.resolve("hls"));
        double t3 = now();
        System.out.printf("| join s | verify s | package s | output MB | frames compared | seams | SSIM mean | lowest seam SSIM | verification |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
        System.out.printf("| %.1f | %.1f | %.1f | %.0f | %d | %d | %.4f | %.4f | %s |%n", t1 - t0, t2 - t1, t3 - t2, Files.size(out) / 1e6,
                v.sampledFrames(), v.seams().size(), v.ssimMean(), v.seams().stream().mapToDouble(OutputVerification.Seam::ssim).min().orElse(0),
                v.passed() ? "passed" : "FAILED " + v.failures());
        return new double[] {t1 - t0, t2 - t1, t3 - t2, info.frames(), v.seams().size()};
    }

    /** The fan-out model: 900-odd chunk tasks scheduled longest first on N slots, then the per-profile tail. */
    static void model(Map<String, Double> fpsHere, Map<String, Double> measureFpsHere, double[] measuredTail) {
        Prices prices = Prices.defaults();
        System.out.printf("%n## (2) Fan-out model: 30-minute 1080p master at %.0f fps (%,d frames), %d rungs%n", MODEL_FPS, MODEL_FRAMES, fpsHere.size());
        System.out.printf("assumptions: task %.0f vCPU / %.0f GB (Ichibyo.app), x264 4-thread speed-up %.1f×, Fargate vCPU = %.1f× a core here, "
                        + "task start %.0f s + chunk I/O %.0f s, billed per second with a 1-minute minimum%n",
                TASK_VCPU, TASK_GB, THREAD_SPEEDUP_4, VCPU_VS_HERE, TASK_START_SECONDS, TASK_IO_SECONDS);
        System.out.printf("prices (core prices.json, %s, as of %s; AWS public list prices, not checked offline): Fargate arm64 $%s/vCPU-h, $%s/GB-h; "
                        + "Spot $%s/vCPU-h, $%s/GB-h%n", prices.region(), prices.asOf(), prices.fargateVcpuHour(), prices.fargateGbHour(),
                prices.fargateSpotVcpuHour(), prices.fargateSpotGbHour());
        double totalFps = 0;
        for (var e : fpsHere.entrySet()) {
            double taskFps = e.getValue() * THREAD_SPEEDUP_4 * VCPU_VS_HERE;
            System.out.printf("  %s: %.1f frames/s single-threaded here → %.1f frames/s per task%n", e.getKey(), e.getValue(), taskFps);
        }
        // The tail after the last chunk, per profile in parallel: join → verify → package, measured at full length on the largest rung
        // (2b) and scaled by frames to the model's.
        double scale = MODEL_FRAMES / measuredTail[3];
        double tail = (measuredTail[0] + measuredTail[1] + measuredTail[2]) * scale;
        System.out.printf("tail per profile (in parallel), from (2b) × %.2f (frames): join %.0f s + verify %.0f s + package %.0f s = %.0f s%n",
                scale, measuredTail[0] * scale, measuredTail[1] * scale, measuredTail[2] * scale, tail);
        System.out.println("| chunk target s | chunks per profile | tasks | wall on 100 tasks (chunks + tail) | wall on 1 task | $ on-demand | $ Spot |");
        System.out.println("|---|---|---|---|---|---|---|");
        // What plan-chunks plans for this master by default: the configured 4/10/20 s fitted to 100 slots.
        double fitted = ChunkLimits.DEFAULT.fittedTo(MODEL_FRAMES / MODEL_FPS, fpsHere.size(), 100).targetSeconds();
        System.out.printf("plan-chunks' default for this master (ChunkLimits.DEFAULT fitted to %d profiles on 100 slots): %.0f s chunks%n",
                fpsHere.size(), fitted);
        for (double target : java.util.stream.DoubleStream.of(5, 10, 20, 60, fitted).distinct().sorted().toArray()) {
            int perProfile = (int) Math.ceil(MODEL_FRAMES / (target * MODEL_FPS));
            List<Double> tasks = new ArrayList<>();
            for (var e : fpsHere.entrySet()) {
                double taskFps = e.getValue() * THREAD_SPEEDUP_4 * VCPU_VS_HERE;
                // encode-chunk's own check of its frames, single-threaded as measured (no speed-up assumed for it).
                double measureFps = measureFpsHere.get(e.getKey()) * VCPU_VS_HERE;
                for (int i = 0; i < perProfile; i++) {
                    int frames = Math.min((int) Math.round(target * MODEL_FPS), MODEL_FRAMES - i * (int) Math.round(target * MODEL_FPS));
                    tasks.add(TASK_START_SECONDS + TASK_IO_SECONDS + frames / taskFps + frames / measureFps);
                }
            }
            double on100 = makespan(tasks, 100) + tail;
            double on1 = makespan(tasks, 1) + tail;
            double vcpuS = 0, gbS = 0;
            for (double t : tasks) {
                double billed = Math.max(60, Math.ceil(t));
                vcpuS += TASK_VCPU * billed;
                gbS += TASK_GB * billed;
            }
            double onDemand = vcpuS / 3600 * prices.fargateVcpuHour() + gbS / 3600 * prices.fargateGbHour();
            double spot = vcpuS / 3600 * prices.fargateSpotVcpuHour() + gbS / 3600 * prices.fargateSpotGbHour();
            System.out.printf("| %.0f | %d | %d | %.0f s (%.1f min) | %.0f s (%.1f h) | %.2f | %.2f |%n", target, perProfile, tasks.size(), on100,
                    on100 / 60, on1, on1 / 3600, onDemand, spot);
        }
    }

    /** Longest first onto the slot that frees first. */
    static double makespan(List<Double> tasks, int slots) {
        double[] sorted = tasks.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int i = 0; i < slots; i++) {
            free.add(0.0);
        }
        double end = 0;
        for (int i = sorted.length - 1; i >= 0; i--) {
            double t = free.poll() + sorted[i];
            end = Math.max(end, t);
            free.add(t);
        }
        return end;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double now() {
        return System.nanoTime() / 1e9;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
