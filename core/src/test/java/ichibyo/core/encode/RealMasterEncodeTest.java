package ichibyo.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chunked encode on a master made from the real sample videos ({@link RealMasters}): 1280×720 at 25 fps,
 * 9.6 s, street / film / street / film with the film's sound and a tone, so it has three hard scene cuts.
 * Chunks of about 1.2 s put seams at the cuts and in the middle of scenes (in motion), then the Apple
 * ladder's lowest rung is encoded chunk by chunk and in a single pass with the same settings, and the two
 * are compared with each other and with the master: frames, picture at the seams, sound at the seams.
 */
class RealMasterEncodeTest {
    static final Duration LIMIT = Duration.ofSeconds(120);
    static final FfmpegRunner FFMPEG = FfmpegRunner.local();
    /** 0.6–1.6 s, about 1.2 s: seams at the cuts (frames 60, 120, 180) and between them (30, 90, 150, 210). */
    static final ChunkLimits LIMITS = new ChunkLimits(0.6, 1.2, 1.6);
    /** Audio compared in ±50 ms around each seam: wider than an AAC frame (21 ms), so a lost or doubled frame shows. */
    static final int WINDOW = 2400;

    static Path work;
    static Path masterFile;
    static MasterInfo info;
    static Profile profile;
    static List<Integer> cuts;
    static List<Chunk> chunks;
    static Path chunked;
    static Path single;
    static Path chunkDir;

    @BeforeAll
    static void encodeBothWays() throws Exception {
        String missing = RealMasters.missing();
        assumeTrue(missing == null, () -> "skipped: " + missing);
        work = WorkDirs.create("encode-real");
        masterFile = RealMasters.make(FFMPEG, work.resolve("master.mp4"), 1280, 720, 2.4, 4, LIMIT);
        MediaLocation master = MediaLocation.of(masterFile);
        info = new MasterProbe(FFMPEG, LIMIT).probe(master);
        cuts = new MasterProbe(FFMPEG, LIMIT).sceneCuts(master, info, 0.3);
        chunks = ChunkPlanner.plan(info.frames(), info.fps(), cuts, LIMITS);
        profile = ProfileCatalog.seeds().set("apple-hls").profile("hls-234p-145k");

        ChunkEncoder encoder = new ChunkEncoder(FFMPEG, LIMIT);
        chunkDir = Files.createDirectories(work.resolve("chunks"));
        for (Chunk chunk : chunks) {
            encoder.encode(master, info, chunk, profile, chunkDir.resolve(chunk.fileName()));
        }
        chunked = new ChunkJoiner(FFMPEG, LIMIT).join(chunkDir, chunks, master, info, profile, work.resolve("chunked.mp4"));
        Path singleDir = Files.createDirectories(work.resolve("single"));
        Chunk whole = new Chunk(0, 0, info.frames());
        encoder.encode(master, info, whole, profile, singleDir.resolve(whole.fileName()));
        single = new ChunkJoiner(FFMPEG, LIMIT).join(singleDir, List.of(whole), master, info, profile, work.resolve("single.mp4"));
    }

    @AfterAll
    static void clean() {
        if (work != null) {
            WorkDirs.delete(work);
        }
    }

    @Test
    void theMaster_hasItsFramesAndSound_andTheCutsBetweenItsParts() {
        assertThat(info.frames()).isEqualTo(240);
        assertThat(info.fps()).isEqualTo(25.0);
        assertThat(info.width()).isEqualTo(1280);
        assertThat(info.hasAudio()).isTrue();
        assertThat(cuts).contains(60, 120, 180);
        assertThat(chunks).extracting(Chunk::startFrame).contains(60, 120, 180)
                .anySatisfy(s -> assertThat(s % 60).isNotZero());
    }

    @Test
    void theChunks_coverEveryFrameExactlyOnce_eachEncodedAsExactlyItsFrames() {
        assertThat(chunks.getFirst().startFrame()).isZero();
        assertThat(chunks.getLast().endFrame()).isEqualTo(info.frames());
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startFrame()).as("chunk %d starts where %d ends", i, i - 1).isEqualTo(chunks.get(i - 1).endFrame());
        }
        assertThat(chunks.stream().mapToInt(Chunk::frames).sum()).isEqualTo(info.frames());

        OutputSize size = OutputSize.of(info, profile);
        List<byte[]> masterFrames = RealMasters.grayFrames(FFMPEG, masterFile, 0, info.frames(), size.width(), size.height(), LIMIT);
        assertThat(masterFrames).hasSize(info.frames());
        for (Chunk chunk : chunks) {
            MasterInfo encoded = new MasterProbe(FFMPEG, LIMIT).probe(MediaLocation.of(chunkDir.resolve(chunk.fileName())));
            assertThat(encoded.frames()).as("frames of chunk %s", chunk).isEqualTo(chunk.frames());
            // Its pictures are the master's frames [start, end): each compares best with the same frame, not one before or after.
            List<byte[]> frames = RealMasters.grayFrames(FFMPEG, chunkDir.resolve(chunk.fileName()), 0, chunk.frames(),
                    size.width(), size.height(), LIMIT);
            double[] error = new double[3];
            for (int shift = -1; shift <= 1; shift++) {
                for (int k = 0; k < frames.size(); k++) {
                    int n = Math.clamp(chunk.startFrame() + k + shift, 0, info.frames() - 1);
                    error[shift + 1] += RealMasters.meanSquaredError(frames.get(k), masterFrames.get(n));
                }
            }
            assertThat(error[1]).as("chunk %s against the master at its frames, one before (%s) and one after (%s)", chunk,
                    error[0], error[2]).isLessThan(Math.min(error[0], error[2]));
        }
    }

    @Test
    void theChunkedOutput_hasTheFramesOfTheSinglePassAndOfTheMaster_andPassesVerification() throws Exception {
        OutputVerifier verifier = new OutputVerifier(FFMPEG, LIMIT);
        OutputVerification c = verifier.verify(MediaLocation.of(chunked), MediaLocation.of(masterFile), info, profile, chunks,
                ChunkQualities.of(FFMPEG, LIMIT, chunkDir, chunks, MediaLocation.of(masterFile), info, profile),
                Files.createDirectories(work.resolve("verify-chunked")));
        List<Chunk> whole = List.of(new Chunk(0, 0, info.frames()));
        OutputVerification s = verifier.verify(MediaLocation.of(single), MediaLocation.of(masterFile), info, profile, whole,
                ChunkQualities.of(FFMPEG, LIMIT, work.resolve("single"), whole, MediaLocation.of(masterFile), info, profile),
                Files.createDirectories(work.resolve("verify-single")));
        assertThat(c.failures()).isEmpty();
        assertThat(s.failures()).isEmpty();
        assertThat(c.frames()).isEqualTo(s.frames()).isEqualTo(info.frames());
        assertThat(c.seams()).hasSize(chunks.size() - 1);
    }

    @Test
    void noSeam_dipsBelowTheOutputsOwnVariation() throws Exception {
        Path dir = Files.createDirectories(work.resolve("ssim"));
        double[] ssim = RealMasters.ssimPerFrame(FFMPEG, chunked, masterFile, info, profile, dir, LIMIT);
        double[] reference = RealMasters.ssimPerFrame(FFMPEG, single, masterFile, info, profile,
                Files.createDirectories(work.resolve("ssim-single")), LIMIT);
        assertThat(ssim).hasSize(info.frames());
        assertThat(reference).hasSize(info.frames());
        boolean[] nearSeam = new boolean[ssim.length];
        for (Chunk chunk : chunks.subList(1, chunks.size())) {
            for (int n = chunk.startFrame() - OutputVerifier.SEAM_FRAMES; n < chunk.startFrame() + OutputVerifier.SEAM_FRAMES; n++) {
                nearSeam[n] = true;
            }
        }
        List<Double> elsewhere = new ArrayList<>();
        for (int n = 0; n < ssim.length; n++) {
            if (!nearSeam[n]) {
                elsewhere.add(ssim[n]);
            }
        }
        double[] sorted = Arrays.stream(ssim).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double lowestElsewhere = elsewhere.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        for (Chunk chunk : chunks.subList(1, chunks.size())) {
            int seam = chunk.startFrame();
            for (int n = seam - OutputVerifier.SEAM_FRAMES; n < seam + OutputVerifier.SEAM_FRAMES; n++) {
                // The output's own variation: no frame at a seam is worse than the worst frame away from the seams,
                assertThat(ssim[n]).as("SSIM of frame %d at the seam %d (median %s)", n, seam, median).isGreaterThanOrEqualTo(lowestElsewhere);
                // nor worse than the single pass at the same frame by more than a keyframe's rate-control wobble.
                assertThat(ssim[n]).as("frame %d at the seam %d against the single pass's %s", n, seam, reference[n])
                        .isGreaterThan(reference[n] - 0.02);
            }
        }
    }

    @Test
    void theSound_isContinuousAtEverySeam_asInTheSinglePass() {
        float[] c = RealMasters.pcm(FFMPEG, chunked, LIMIT);
        float[] s = RealMasters.pcm(FFMPEG, single, LIMIT);
        float[] m = RealMasters.pcm(FFMPEG, masterFile, LIMIT);
        // As long as the picture, within one AAC frame (1,024 samples).
        assertThat(Math.abs(c.length / 2 - 48_000 * info.framesDuration())).isLessThanOrEqualTo(1024);
        assertThat(c.length).isEqualTo(s.length);
        assertThat(RealMasters.audioTimestampBreaks(FFMPEG, chunked, LIMIT)).as("audio packets that do not follow the last").isZero();

        List<Double> seams = RealMasters.seamSeconds(chunks, info);
        // What the codec does to this sound anyway: the single pass against the master, away from the seams.
        double[] noise = RealMasters.codecNoise(s, m, seams, WINDOW);
        double[] signal = RealMasters.difference(m, new float[m.length], 0, m.length / 2);
        double[] overall = RealMasters.difference(s, m, 0, m.length / 2);
        // Aligned with the master: a shifted track would differ by about as much as the signal itself (here ≥ 20 dB below it).
        assertThat(overall[1]).as("the single pass's sound against the master's, RMS, the signal's %s", signal[1]).isLessThan(0.1 * signal[1]);
        assertThat(noise[1]).isPositive();
        for (double t : seams) {
            int at = (int) Math.round(t * 48_000);
            double[] d = RealMasters.difference(c, s, at - WINDOW, at + WINDOW);
            assertThat(d[0]).as("max |chunked − single pass| around the seam at %s s (codec noise %s)", t, noise[0]).isLessThanOrEqualTo(noise[0]);
            assertThat(d[1]).as("RMS of chunked − single pass around the seam at %s s (codec noise %s)", t, noise[1]).isLessThanOrEqualTo(noise[1]);
        }
    }
}
