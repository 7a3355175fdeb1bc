package ichibyo.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.media.exceptions.FfmpegFailedException;
import ichibyo.core.media.exceptions.FfmpegNotFoundException;
import ichibyo.core.media.exceptions.FfmpegTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binaries of the FFmpeg layer, as the renderer needs them. */
class FfmpegBinariesTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** Every encoder and filter the renderer puts in a command; a missing one fails the render at run time. */
    static final List<String> RENDERER_ENCODERS = List.of("libx264", "aac");
    static final List<String> RENDERER_FILTERS = List.of("xfade", "acrossfade", "concat", "drawtext", "overlay",
            "zscale", "tonemap", "transpose", "hflip", "vflip", "crop", "scale", "fps", "setsar", "format", "split",
            "asplit", "null", "anull", "boxblur", "tpad", "trim", "atrim", "apad", "aresample", "aformat", "anullsrc",
            "amix", "volume", "afade", "loop", "settb", "setpts", "asetpts");

    private final FfmpegRunner runner = FfmpegRunner.local();

    @Test
    void locate_onThisMachine_findsTheX86LayerBuildOfTheRepository() {
        FfmpegBinaries binaries = FfmpegBinaries.locate();
        assertThat(binaries.ffmpeg()).isExecutable();
        assertThat(binaries.ffprobe()).isExecutable();
        if (System.getenv("FFMPEG_PATH") == null && !Files.isDirectory(FfmpegBinaries.LAMBDA_LAYER_BIN)) {
            assertThat(binaries.ffmpeg().toString()).contains("layers/ffmpeg/target/layer-x86_64/bin");
        }
    }

    @Test
    void ffmpeg_isTheStatic441BuildWithX264() {
        String version = runner.ffmpeg(List.of("-version"), LIMIT).stdoutText();
        assertThat(version).startsWith("ffmpeg version 4.4.1").contains("--enable-libx264", "--enable-libzimg", "--enable-libfreetype");
        assertThat(runner.ffprobe(List.of("-version"), LIMIT).stdoutText()).startsWith("ffprobe version");
    }

    @Test
    void ffmpeg_hasEveryEncoderTheRendererUses() {
        String encoders = runner.ffmpeg(List.of("-encoders"), LIMIT).stdoutText();
        for (String encoder : RENDERER_ENCODERS) {
            assertThat(encoders).as("encoder " + encoder).containsPattern("(?m)^ \\S{6} " + encoder + " ");
        }
    }

    @Test
    void ffmpeg_hasEveryFilterTheRendererUses() {
        String filters = runner.ffmpeg(List.of("-filters"), LIMIT).stdoutText();
        for (String filter : RENDERER_FILTERS) {
            assertThat(filters).as("filter " + filter).containsPattern("(?m)^ \\S{3} " + filter + " ");
        }
    }

    @Test
    void locate_prefersEnvironmentOverLayerBuild(@TempDir Path dir) throws Exception {
        Path ffmpeg = executable(dir.resolve("env/ffmpeg"));
        Path ffprobe = executable(dir.resolve("env/ffprobe"));
        FfmpegBinaries found = FfmpegBinaries.locate(new Properties(),
                Map.of("FFMPEG_PATH", ffmpeg.toString(), "FFPROBE_PATH", ffprobe.toString()), dir.resolve("opt/bin"));
        assertThat(found).isEqualTo(new FfmpegBinaries(ffmpeg, ffprobe));
    }

    @Test
    void locate_usesOptBinWhenPresent(@TempDir Path dir) throws Exception {
        Path ffmpeg = executable(dir.resolve("opt/bin/ffmpeg"));
        Path ffprobe = executable(dir.resolve("opt/bin/ffprobe"));
        FfmpegBinaries found = FfmpegBinaries.locate(new Properties(), Map.of(), dir.resolve("opt/bin"));
        assertThat(found).isEqualTo(new FfmpegBinaries(ffmpeg, ffprobe));
    }

    @Test
    void locate_usesTheDirectoryTheBuildPassesIn(@TempDir Path dir) throws Exception {
        Path ffmpeg = executable(dir.resolve("layers/ffmpeg/target/layer-arm64/bin/ffmpeg"));
        executable(dir.resolve("layers/ffmpeg/target/layer-arm64/bin/ffprobe"));
        Map<String, String> env = Map.of(FfmpegBinaries.DIR_VARIABLE, dir.resolve("layers/ffmpeg/target/layer-arm64/bin").toString());
        assertThat(FfmpegBinaries.locate(new Properties(), env, dir.resolve("none")).ffmpeg()).isEqualTo(ffmpeg);
    }

    @Test
    void locate_withNothingAnywhere_namesTheBuildCommand(@TempDir Path dir) {
        Properties x86 = new Properties();
        x86.setProperty("os.arch", "amd64");
        assertThatThrownBy(() -> FfmpegBinaries.locate(x86, Map.of(), dir.resolve("none")))
                .isInstanceOf(FfmpegNotFoundException.class)
                .hasMessageContaining("./mvnw -pl layers/ffmpeg package");
    }

    @Test
    void run_pastItsTimeLimit_isKilledWithTheStderrTail() {
        List<String> endless = List.of("-v", "info", "-re", "-f", "lavfi", "-i", "testsrc2=size=64x64:rate=10", "-f", "null", "-");
        assertThatThrownBy(() -> runner.ffmpeg(endless, Duration.ofMillis(1500)))
                .isInstanceOf(FfmpegTimeoutException.class)
                .satisfies(e -> assertThat(((FfmpegTimeoutException) e).stderrTail()).contains("testsrc2"));
    }

    @Test
    void run_thatFails_surfacesTheStderrTail() {
        assertThatThrownBy(() -> runner.ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "nosuchsource", "-f", "null", "-"), LIMIT))
                .isInstanceOf(FfmpegFailedException.class)
                .satisfies(e -> assertThat(((FfmpegFailedException) e).stderrTail()).contains("nosuchsource"));
    }

    private static Path executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        file.toFile().setExecutable(true);
        return file;
    }
}
