package ichibyo.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.encode.exceptions.OutputVerificationException;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoding spine with real FFmpeg on a generated master: three scenes (testsrc2, smptebars, a moving
 * mandelbrot) of 2.5, 3 and 2.5 s at 320×180 and 30 fps with a tone; its scene cuts found, chunks planned at
 * them, each chunk encoded alone, joined, and verified against the master.
 */
class ChunkedEncodeTest {
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final FfmpegRunner FFMPEG = FfmpegRunner.local();
    static final ChunkLimits SMALL = new ChunkLimits(1, 2, 4);
    static Path work;
    static Path masterFile;
    static MediaLocation master;
    static MasterInfo info;

    @BeforeAll
    static void makeMaster() {
        work = WorkDirs.create("encode-test");
        masterFile = work.resolve("master.mp4");
        FFMPEG.ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2.5",
                "-f", "lavfi", "-i", "smptebars=size=320x180:rate=30:duration=3",
                "-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=30,trim=duration=2.5",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=8",
                "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]", "-map", "3:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "16", "-c:a", "aac", "-y", masterFile.toString()), LIMIT);
        master = MediaLocation.of(masterFile);
        info = new MasterProbe(FFMPEG, LIMIT).probe(master);
    }

    @AfterAll
    static void clean() {
        WorkDirs.delete(work);
    }

    @Test
    void probe_countsTheFrames_andSceneDetection_findsTheTwoCuts() {
        assertThat(info.frames()).isEqualTo(240);
        assertThat(info.fps()).isEqualTo(30.0);
        assertThat(info.hasAudio()).isTrue();
        assertThat(new MasterProbe(FFMPEG, LIMIT).sceneCuts(master, info, 0.3)).containsExactly(75, 165);
    }

    @Test
    void chunksEncodedApart_joinIntoAnOutputWithTheMastersFrames_continuousAtEverySeam() throws Exception {
        List<Chunk> chunks = ChunkPlanner.plan(info.frames(), info.fps(), List.of(75, 165), SMALL);
        assertThat(chunks).extracting(Chunk::startFrame).containsExactly(0, 75, 165);
        Profile profile = ProfileCatalog.seeds().set("preview").profile("preview-144p");
        Path dir = Files.createDirectories(work.resolve("chunks-144p"));
        ChunkEncoder encoder = new ChunkEncoder(FFMPEG, LIMIT);
        for (Chunk chunk : chunks) {
            encoder.encode(master, info, chunk, profile, dir.resolve(chunk.fileName()));
        }
        Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, chunks, master, info, profile, work.resolve("preview-144p.mp4"));

        OutputVerification v = new OutputVerifier(FFMPEG, LIMIT).verify(MediaLocation.of(out), master, info, profile, chunks,
                ChunkQualities.of(FFMPEG, LIMIT, dir, chunks, master, info, profile), Files.createDirectories(work.resolve("verify-144p")));
        assertThat(v.failures()).isEmpty();
        assertThat(v.frames()).isEqualTo(240);
        assertThat(v.durationSeconds()).isCloseTo(8.0, Offset.offset(1 / 30.0));
        assertThat(v.audioSeconds()).isCloseTo(v.durationSeconds(), Offset.offset(1024 / 48000.0));
        assertThat(v.keyframeAtEverySeam()).isTrue();
        assertThat(v.seams()).extracting(OutputVerification.Seam::frame).containsExactly(75, 165);
        // At a scene cut, a frame off by one compares a picture with another scene: SSIM far below these.
        assertThat(v.seams()).allSatisfy(s -> assertThat(s.ssim()).isGreaterThan(0.8));
        assertThat(v.ssimMean()).isGreaterThan(0.85);
        assertThat(v.psnrMean()).isGreaterThan(25);

        // The same frame count as a single-pass encode of the whole master with the same settings.
        Path single = Files.createDirectories(work.resolve("single"));
        Chunk whole = new Chunk(0, 0, info.frames());
        encoder.encode(master, info, whole, profile, single.resolve(whole.fileName()));
        Path singleOut = new ChunkJoiner(FFMPEG, LIMIT).join(single, List.of(whole), master, info, profile, work.resolve("single.mp4"));
        OutputVerification s = new OutputVerifier(FFMPEG, LIMIT).verify(MediaLocation.of(singleOut), master, info, profile, List.of(whole),
                ChunkQualities.of(FFMPEG, LIMIT, single, List.of(whole), master, info, profile), Files.createDirectories(work.resolve("verify-single")));
        assertThat(s.frames()).isEqualTo(v.frames());
        assertThat(v.ssimMean()).isCloseTo(s.ssimMean(), Offset.offset(0.03));
    }

    @Test
    void anAppleLadderRung_joinedFromChunks_isPackagedAsHlsSegmentsOfWholeGops_listedInTheMasterPlaylist() throws Exception {
        Profile profile = ProfileCatalog.seeds().set("apple-hls").profiles().getFirst();
        List<Chunk> chunks = ChunkPlanner.plan(info.frames(), info.fps(), List.of(75, 165), SMALL);
        Path dir = Files.createDirectories(work.resolve("chunks-hls"));
        ChunkEncoder encoder = new ChunkEncoder(FFMPEG, LIMIT);
        for (Chunk chunk : chunks) {
            encoder.encode(master, info, chunk, profile, dir.resolve(chunk.fileName()));
        }
        Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, chunks, master, info, profile, work.resolve("hls-234p.mp4"));
        OutputVerification v = new OutputVerifier(FFMPEG, LIMIT).verify(MediaLocation.of(out), master, info, profile, chunks,
                ChunkQualities.of(FFMPEG, LIMIT, dir, chunks, master, info, profile), Files.createDirectories(work.resolve("verify-hls")));
        // Keyframes on the 2 s grid as well as at the chunks' starts (2.5 s, 5.5 s).
        assertThat(v.failures()).isEmpty();

        HlsPackage hls = new HlsPackager(FFMPEG, LIMIT).packageOutput(out, profile, work.resolve("hls/" + profile.id()));
        assertThat(hls.segmentSeconds()).containsExactly(6.0, 2.0);
        assertThat(hls.files()).startsWith(HlsPackage.PLAYLIST, HlsPackage.INIT).hasSize(4);
        MasterInfo played = new MasterProbe(FFMPEG, LIMIT).probe(MediaLocation.of(work.resolve("hls/" + profile.id() + "/" + HlsPackage.PLAYLIST)));
        assertThat(played.frames()).isEqualTo(240);
        String m3u8 = HlsPackager.masterPlaylist(List.of(hls));
        assertThat(m3u8).startsWith("#EXTM3U").contains("RESOLUTION=320x180", "FRAME-RATE=30.000", "CODECS=\"avc1.64000d,mp4a.40.2\"",
                "hls-234p-145k/index.m3u8");
        assertThat(hls.peakBitsPerSecond()).isGreaterThanOrEqualTo(hls.averageBitsPerSecond()).isPositive();
    }

    @Test
    void samplesReadBySeeking_haveTheQualityOfTheSameFramesInAFullDecode() throws Exception {
        assertWindowsMatchAFullDecode(masterFile, info, List.of(75, 165), "seek",
                new TreeSet<>(List.of(0, 31, 73, 74, 75, 76, 120, 163, 164, 165, 166, 203, 239)));
    }

    @Test
    void aMasterWhoseVideoStartsAfterItsSound_isChunkedAndVerifiedFromTheRightFrames() throws Exception {
        // The master twice over by stream copy: the concatenation starts the video 1024 audio samples (21 ms, more than half a
        // frame) after the sound, so a seek counted from the file's start, not the video's, reads every chunk from a frame early.
        Path list = work.resolve("twice.txt");
        Files.writeString(list, "ffconcat version 1.0\nfile '" + masterFile + "'\nfile '" + masterFile + "'\n");
        Path twice = work.resolve("twice.mp4");
        FFMPEG.ffmpeg(List.of("-v", "error", "-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy", "-y", twice.toString()), LIMIT);
        MasterInfo twiceInfo = new MasterProbe(FFMPEG, LIMIT).probe(MediaLocation.of(twice));
        assertThat(twiceInfo.frames()).isEqualTo(480);
        assertThat(twiceInfo.startSeconds()).isGreaterThan(twiceInfo.frameTime(1) / 2);
        assertWindowsMatchAFullDecode(twice, twiceInfo, List.of(75, 165, 240, 315, 405), "twice",
                new TreeSet<>(List.of(0, 74, 75, 76, 164, 165, 166, 239, 240, 241, 314, 315, 316, 404, 405, 406, 479)));
    }

    /** Chunks cut at {@code cuts}, joined, verified (passing), and the windows' SSIM equal to a full decode's at each sampled frame. */
    private void assertWindowsMatchAFullDecode(Path masterPath, MasterInfo masterInfo, List<Integer> cuts, String name, TreeSet<Integer> sampled)
            throws Exception {
        MediaLocation m = MediaLocation.of(masterPath);
        Profile profile = ProfileCatalog.seeds().set("preview").profile("preview-144p");
        List<Chunk> chunks = ChunkPlanner.plan(masterInfo.frames(), masterInfo.fps(), cuts, SMALL);
        assertThat(chunks).extracting(Chunk::startFrame).containsAll(cuts);
        Path dir = Files.createDirectories(work.resolve("chunks-" + name));
        ChunkEncoder encoder = new ChunkEncoder(FFMPEG, LIMIT);
        for (Chunk chunk : chunks) {
            encoder.encode(m, masterInfo, chunk, profile, dir.resolve(chunk.fileName()));
        }
        Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, chunks, m, masterInfo, profile, work.resolve(name + "-joined.mp4"));
        OutputVerifier verifier = new OutputVerifier(FFMPEG, LIMIT);
        List<ChunkQuality> qualities = ChunkQualities.of(FFMPEG, LIMIT, dir, chunks, m, masterInfo, profile);
        OutputVerification v = verifier.verify(MediaLocation.of(out), m, masterInfo, profile, chunks, qualities,
                Files.createDirectories(work.resolve("verify-" + name)));
        assertThat(v.failures()).isEmpty();
        // At a scene cut, a frame off by one compares a picture with another scene: SSIM far below these.
        assertThat(v.seams()).allSatisfy(s -> assertThat(s.ssim()).isGreaterThan(0.8));

        assertThat(OutputVerifier.windows(sampled, OutputVerifier.WINDOW_GAP)).hasSizeGreaterThan(4);
        Map<Integer, double[]> seeked = verifier.quality(MediaLocation.of(out), 0, m, masterInfo, profile, sampled,
                Files.createDirectories(work.resolve("verify-" + name + "-windows")));
        // The oracle: every frame of the output decoded in order against the master (QualityProbe's full decode).
        double[] everyFrame = new QualityProbe(FFMPEG, LIMIT).frameSsims(MediaLocation.of(out), m, OutputSize.of(masterInfo, profile),
                work.resolve(name + "-full-ssim.log"));
        assertThat(everyFrame).hasSize(masterInfo.frames());
        // The chunks' own measurements, which verify reports, are those frames' too.
        for (ChunkQuality q : qualities) {
            for (int i = 0; i < q.frames(); i++) {
                assertThat(q.ssim()[i]).as("chunk %d's frame %d", q.chunk(), q.startFrame() + i).isCloseTo(everyFrame[q.startFrame() + i], Offset.offset(1e-6));
            }
        }
        assertThat(seeked.keySet()).containsExactlyElementsOf(sampled);
        seeked.forEach((n, q) -> assertThat(q[0]).as("SSIM of frame %d", n).isCloseTo(everyFrame[n], Offset.offset(1e-6)));
        assertThat(seeked.values()).allSatisfy(q -> assertThat(q[1]).isGreaterThan(20));
    }

    @Test
    void goodChunksJoinedInTheWrongOrder_failVerification_whenTheJoinedOutputIsReadAgain() throws Exception {
        Profile profile = ProfileCatalog.seeds().set("preview").profile("preview-144p");
        List<Chunk> planned = List.of(new Chunk(0, 0, 120), new Chunk(1, 120, 240));
        Path dir = Files.createDirectories(work.resolve("chunks-swapped"));
        ChunkEncoder encoder = new ChunkEncoder(FFMPEG, LIMIT);
        for (Chunk chunk : planned) {
            encoder.encode(master, info, chunk, profile, dir.resolve(chunk.fileName()));
        }
        List<ChunkQuality> qualities = ChunkQualities.of(FFMPEG, LIMIT, dir, planned, master, info, profile);
        // The files swapped: the same frame count, a keyframe at the seam, every chunk good; only the pictures are wrong.
        Path first = dir.resolve(planned.get(0).fileName());
        Path second = dir.resolve(planned.get(1).fileName());
        Path aside = dir.resolve("aside.mp4");
        Files.move(first, aside);
        Files.move(second, first);
        Files.move(aside, second);
        Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, planned, master, info, profile, work.resolve("swapped.mp4"));

        OutputVerification v = new OutputVerifier(FFMPEG, LIMIT).verify(MediaLocation.of(out), master, info, profile, planned, qualities,
                Files.createDirectories(work.resolve("verify-swapped")));
        assertThat(v.frames()).isEqualTo(240);
        assertThat(v.keyframeAtEverySeam()).isTrue();
        assertThat(v.failures()).singleElement().asString().contains("frames read from the joined output are not their chunks'");
    }

    @Test
    void aChunkCutOneFrameLate_failsVerification_atItsSeam() throws Exception {
        Profile profile = ProfileCatalog.seeds().set("preview").profile("preview-234p");
        List<Chunk> planned = List.of(new Chunk(0, 0, 75), new Chunk(1, 75, 240));
        Path dir = Files.createDirectories(work.resolve("chunks-late"));
        ChunkEncoder encoder = new ChunkEncoder(FFMPEG, LIMIT);
        encoder.encode(master, info, planned.get(0), profile, dir.resolve(planned.get(0).fileName()));
        // The second chunk starts one frame late (a seek that missed): one frame lost, and every frame after the seam shifted.
        encoder.encode(master, info, new Chunk(1, 76, 240), profile, dir.resolve(planned.get(1).fileName()));
        Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, planned, master, info, profile, work.resolve("late.mp4"));

        // Each chunk measured as it was encoded: the late one against the frames it holds (76–240), as encode-chunk would.
        List<ChunkQuality> qualities = ChunkQualities.of(FFMPEG, LIMIT, dir, planned, master, info, profile);
        OutputVerification v = new OutputVerifier(FFMPEG, LIMIT).verify(MediaLocation.of(out), master, info, profile, planned, qualities,
                Files.createDirectories(work.resolve("verify-late")));
        assertThat(v.passed()).isFalse();
        assertThat(v.failures()).anySatisfy(f -> assertThat(f).contains("frame count 239"));
        assertThat(new OutputVerificationException(profile.id(), v.failures())).hasMessageContaining("preview-234p");
    }
}
