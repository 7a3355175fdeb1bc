package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.core.encode.MasterInfo;
import ichibyo.core.encode.MasterProbe;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ichibyo-local encode MASTER --profile-set preview --out DIR} as a user runs it, a process on a runtime of its own
 * with real FFmpeg: a generated 4-second master with a tone, whose file name is no content id as it is, is encoded for
 * both preview rungs; the command exits 0, shows the progress per profile and each output's measurements and place, and
 * the outputs in DIR have the master's frames. A file that is not a video is refused with exit 2 before any service starts.
 */
class EncodeCommandEndToEndTest {
    private static final String MAIN = "ichibyo.local.cli.Main";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** 4 s at 24 fps: 96 frames. */
    private static final int FRAMES = 96;

    @TempDir
    static Path work;
    static Path master;

    @BeforeAll
    static void makeMaster() throws Exception {
        master = work.resolve("My Film (cut 1).mp4");
        FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=192x108:rate=24:duration=4",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4", "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-y", master.toString()), Duration.ofSeconds(60));
    }

    @Test
    void encode_uploadsTheMaster_followsTheJob_printsEachOutput_andCopiesThemOut() throws Exception {
        Path out = work.resolve("out");
        Run run = run("encode", master.toString(), "--profile-set", "preview", "--out", out.toString());
        assertThat(run.status()).as("exit status; stdout: %s; stderr: %s; functions: %s", Logs.tail(run.stdout()), Logs.tail(run.stderr()),
                Logs.tail(out.resolve("encode.log"))).isEqualTo(0);

        List<String> lines = Files.readAllLines(run.stdout());
        assertThat(lines).anyMatch(l -> l.contains("as content My-Film-cut-1, profile set preview"));
        assertThat(lines).anyMatch(l -> l.contains("uploaded s3://ichibyo-media/masters/My-Film-cut-1/master.mp4"));
        assertThat(lines).anyMatch(l -> l.contains("job My-Film-cut-1-preview-v1"));
        // The progress: a line per change, at the end every chunk of both profiles done.
        assertThat(lines).anyMatch(l -> l.matches(".*preview-144p (\\d+)/\\1 · preview-234p (\\d+)/\\2.*"));
        for (String profile : List.of("preview-144p", "preview-234p")) {
            assertThat(lines).as(profile).anyMatch(l -> l.contains(profile) && l.contains(FRAMES + " frames") && l.contains("kb/s")
                    && l.contains("SSIM 0.") && l.contains("PSNR ") && l.contains("→ deliveries/My-Film-cut-1/preview/" + profile + ".mp4"));
            Path copied = out.resolve("My-Film-cut-1/preview/" + profile + ".mp4");
            MasterInfo info = new MasterProbe(FfmpegRunner.local(), Duration.ofSeconds(30)).probe(MediaLocation.of(copied));
            assertThat(info.frames()).as(profile).isEqualTo(FRAMES);
            assertThat(info.durationSeconds()).as(profile).isCloseTo(4.0, Offset.offset(1 / 24.0));
            assertThat(info.hasAudio()).as(profile).isTrue();
        }
        // The HLS rung's package and the manifest came along.
        assertThat(out.resolve("My-Film-cut-1/preview/hls/master.m3u8")).isNotEmptyFile();
        assertThat(out.resolve("My-Film-cut-1/preview/encode.json")).isNotEmptyFile();
    }

    @Test
    void encode_refusesAFileThatIsNoVideo_beforeStartingTheRuntime() throws Exception {
        Path notes = work.resolve("notes.mp4");
        Files.writeString(notes, "these are notes, not a movie");
        Path out = work.resolve("refused");
        Run run = run("encode", notes.toString(), "--out", out.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(Files.readString(run.stderr())).contains("ichibyo-local encode: notes.mp4 is not a video master");
        assertThat(Files.readString(run.stdout())).doesNotContain("runtime up");
        assertThat(out).doesNotExist();

        Run missing = run("encode", work.resolve("no-such-file.mov").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(Files.readString(missing.stderr())).contains("no-such-file.mov is not a file");
    }

    record Run(int status, Path stdout, Path stderr) {}

    private static Run run(String... args) throws Exception {
        String name = "run-" + System.nanoTime();
        Path stdout = work.resolve(name + ".out");
        Path stderr = work.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("ichibyo-local " + String.join(" ", args) + " did not end within " + DEADLINE + "; stdout: "
                    + Logs.tail(stdout) + "; stderr: " + Logs.tail(stderr));
        }
        return new Run(process.exitValue(), stdout, stderr);
    }
}
