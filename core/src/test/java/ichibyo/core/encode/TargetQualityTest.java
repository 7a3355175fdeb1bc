package ichibyo.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import ichibyo.core.Json;
import ichibyo.core.encode.exceptions.InvalidEncodeRequestException;
import ichibyo.core.encode.exceptions.InvalidProfileException;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.media.WorkDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Target quality with real FFmpeg on a generated master of an easy and a hard part: 4 s of still SMPTE bars, then
 * 4 s of a zooming mandelbrot with film grain, 320×180 at 30 fps with a tone, cut between them. The CRF search
 * gives the easy chunk a higher CRF than the hard one, and every chunk of the joined output meets the target.
 */
class TargetQualityTest {
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final FfmpegRunner FFMPEG = FfmpegRunner.local();
    static final double TARGET = 0.97;
    static Path work;
    static MediaLocation master;
    static MasterInfo info;

    static Profile targetProfile(RateControl rc) {
        return new Profile("target-180p", 1, Codec.H264, 0, 0, 0, rc, 2, "veryfast", new AudioSettings("aac", 64, 2, 48000), Container.MP4);
    }

    @BeforeAll
    static void makeMaster() {
        work = WorkDirs.create("target-quality-test");
        Path file = work.resolve("master.mp4");
        FFMPEG.ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "smptebars=size=320x180:rate=30:duration=4",
                "-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=30,trim=duration=4,noise=alls=12:allf=t",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=8",
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p[v]", "-map", "[v]", "-map", "2:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-c:a", "aac", "-y", file.toString()), LIMIT);
        master = MediaLocation.of(file);
        info = new MasterProbe(FFMPEG, LIMIT).probe(master);
    }

    @AfterAll
    static void clean() {
        WorkDirs.delete(work);
    }

    @Test
    void theSearch_givesTheEasyChunkAHigherCrf_andEveryChunkOfTheOutputMeetsTheTarget() throws Exception {
        List<Chunk> chunks = ChunkPlanner.plan(info.frames(), info.fps(), List.of(120), new ChunkLimits(1, 4, 8));
        assertThat(chunks).extracting(Chunk::startFrame).containsExactly(0, 120);
        Profile fixed = ProfileCatalog.seeds().set("preview").profile("preview-144p");
        Profile target = targetProfile(RateControl.targetSsim(TARGET, 8, 44, 3, null, null));

        List<ChunkRate> rates = new TargetQualityPlanner(FFMPEG, LIMIT, 2).plan(master, info, chunks, List.of(fixed, target),
                Files.createDirectories(work.resolve("plan")));
        // Chunks searched at once choose what one at a time would, in the same order.
        assertThat(new TargetQualityPlanner(FFMPEG, LIMIT, 1).plan(master, info, chunks, List.of(fixed, target),
                Files.createDirectories(work.resolve("plan-serial")))).isEqualTo(rates);

        // Only the target-quality profile is searched, one rate per chunk, each within its probe budget.
        assertThat(rates).extracting(ChunkRate::profileId).containsOnly("target-180p").hasSize(2);
        assertThat(rates).allSatisfy(r -> {
            assertThat(r.probes()).hasSizeBetween(1, 3);
            assertThat(r.reached()).isTrue();
            assertThat(r.crf()).isBetween(8, 44);
        });
        ChunkRate easy = rates.get(0);
        ChunkRate hard = rates.get(1);
        assertThat(easy.crf()).isGreaterThan(hard.crf());

        // The plan records the choice and hands it to encode-chunk; the fixed profile keeps its own rate.
        EncodePlan plan = EncodePlan.fromJson(new EncodePlan(EncodePlan.VERSION, new EncodeJob("tq-test", "custom", 1), "masters/tq-test/m.mp4",
                info, new ProfileSet("custom", 1, "test", List.of(fixed, target)), new ChunkLimits(1, 4, 8), List.of(120), chunks, rates).toJson());
        assertThat(plan.chunkRates()).isEqualTo(rates);
        assertThat(plan.encodingProfile("preview-144p", 1)).isEqualTo(fixed);
        assertThat(plan.encodingProfile("target-180p", 0).rateControl()).isEqualTo(RateControl.crf(easy.crf()));
        assertThat(plan.encodingProfile("target-180p", 1).rateControl()).isEqualTo(RateControl.crf(hard.crf()));

        Path dir = Files.createDirectories(work.resolve("chunks"));
        ChunkEncoder encoder = new ChunkEncoder(FFMPEG, LIMIT);
        for (Chunk chunk : chunks) {
            encoder.encode(master, info, chunk, plan.encodingProfile(target.id(), chunk.index()), dir.resolve(chunk.fileName()));
        }
        Path out = new ChunkJoiner(FFMPEG, LIMIT).join(dir, chunks, master, info, target, work.resolve("target.mp4"));
        OutputVerification v = new OutputVerifier(FFMPEG, LIMIT).verify(MediaLocation.of(out), master, info, target, chunks,
                ChunkQualities.of(FFMPEG, LIMIT, dir, chunks, master, info, target), Files.createDirectories(work.resolve("verify")));
        assertThat(v.failures()).isEmpty();

        // Every frame of the output against the master: each chunk's mean SSIM meets the target.
        double[] ssim = new QualityProbe(FFMPEG, LIMIT).frameSsims(MediaLocation.of(out), master, OutputSize.of(info, target),
                work.resolve("all.ssim.log"));
        assertThat(ssim).hasSize(info.frames());
        List<Double> chunkSsims = new ArrayList<>();
        for (Chunk chunk : chunks) {
            chunkSsims.add(QualityProbe.mean(ssim, chunk.startFrame(), chunk.endFrame()));
        }
        StringBuilder tens = new StringBuilder();
        for (int i = 0; i + 10 <= ssim.length; i += 10) {
            tens.append(String.format(" %d:%.3f", i, QualityProbe.mean(ssim, i, i + 10)));
        }
        assertThat(chunkSsims).as("chunk SSIMs with CRFs %s, verify %s, by tens %s", rates, v, tens).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(TARGET));
    }

    @Test
    void invalidTargetQualityProfiles_areRejectedByName() {
        assertThatThrownBy(() -> RateControl.targetSsim(1.2, 18, 40, null, null, null)).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("targetSsim");
        assertThatThrownBy(() -> RateControl.targetSsim(0.3, 18, 40, null, null, null)).isInstanceOf(InvalidProfileException.class);
        assertThatThrownBy(() -> RateControl.targetSsim(0.97, 30, 30, null, null, null)).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("crfMin < crfMax");
        assertThatThrownBy(() -> RateControl.targetSsim(0.97, 0, 63, null, null, null)).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("at most 40 apart");
        assertThatThrownBy(() -> RateControl.targetSsim(0.97, 18, 40, 1, null, null)).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("probes");
        assertThatThrownBy(() -> RateControl.targetSsim(0.97, 18, 40, 9, null, null)).isInstanceOf(InvalidProfileException.class);
        assertThatThrownBy(() -> RateControl.targetSsim(0.97, 18, 40, 3, 2000, null)).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("maxrateKbps and bufsizeKbps");
        assertThatThrownBy(() -> new RateControl(RateControl.Mode.TARGET_QUALITY, 23, null, null, null, 0.97, 18, 40, null))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("not crf");
        assertThatThrownBy(() -> new RateControl(RateControl.Mode.CRF, 23, null, null, null, 0.97, null, null, null))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("belong to TARGET_QUALITY");
        // x264 stops at CRF 51.
        assertThatThrownBy(() -> targetProfile(RateControl.targetSsim(0.97, 30, 60, null, null, null))).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("CRF 0–51");
        // As a profile set arrives through PUT /profiles: the named error under Jackson's.
        String json = """
                {"name":"tq","version":1,"profiles":[{"id":"tq-720p","version":1,"codec":"H264","gopSeconds":2,
                 "rateControl":{"mode":"TARGET_QUALITY","targetSsim":0.97}}]}""";
        assertThatThrownBy(() -> Json.mapper().readValue(json, ProfileSet.class)).isInstanceOf(ValueInstantiationException.class)
                .cause().isInstanceOf(InvalidProfileException.class).hasMessageContaining("search range");
        // A valid one reads back as written, capped.
        ProfileSet ok = readSet("""
                {"name":"tq","version":1,"profiles":[{"id":"tq-720p","version":1,"codec":"H264","maxWidth":1280,"maxHeight":720,"gopSeconds":2,
                 "rateControl":{"mode":"TARGET_QUALITY","targetSsim":0.97,"crfMin":18,"crfMax":36,"probes":3,"maxrateKbps":4500,"bufsizeKbps":9000}}]}""");
        RateControl rc = ok.profiles().getFirst().rateControl();
        assertThat(rc.peakKbps()).isEqualTo(4500);
        assertThat(rc.forChunk(27)).isEqualTo(RateControl.cappedCrf(27, 4500, 9000));
        assertThatThrownBy(() -> rc.forChunk(40)).isInstanceOf(InvalidProfileException.class);
    }

    @Test
    void fixedRateProfiles_areNotProbed_aTargetProfileIsNotEncodedWithoutItsCrf_andProbesAreBounded() {
        Profile target = targetProfile(RateControl.targetSsim(TARGET, 18, 40, 3, null, null));
        List<Chunk> one = List.of(new Chunk(0, 0, info.frames()));
        assertThat(new TargetQualityPlanner(FFMPEG, LIMIT).plan(master, info, one, ProfileCatalog.seeds().set("preview").profiles(), work))
                .isEmpty();
        assertThatThrownBy(() -> ChunkEncoder.command(master, info, one.getFirst(), target, work.resolve("x.mp4")))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("the CRF the plan chose");
        EncodePlan noRates = new EncodePlan(EncodePlan.VERSION, new EncodeJob("tq-test", "custom", 1), "masters/tq-test/m.mp4", info,
                new ProfileSet("custom", 1, "test", List.of(target)), new ChunkLimits(1, 4, 8), List.of(), one, null);
        assertThatThrownBy(() -> noRates.encodingProfile(target.id(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chose no CRF");
        // 200 chunks × 3 probes: refused before any probe is encoded.
        List<Chunk> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new Chunk(i, i, i + 1));
        }
        assertThat(TargetQualityPlanner.probeEncodes(many, List.of(target))).isEqualTo(600);
        assertThatThrownBy(() -> new TargetQualityPlanner(FFMPEG, LIMIT).plan(master, info, many, List.of(target), work))
                .isInstanceOf(InvalidEncodeRequestException.class).hasMessageContaining("probe encodes");
    }

    static ProfileSet readSet(String json) {
        try {
            return Json.mapper().readValue(json, ProfileSet.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
