package ichibyo.core.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where ffmpeg and ffprobe are: the one locator, so every environment runs the same static
 * binaries of the FFmpeg layer (local results hold on Lambda).
 *
 * <p>Looked up in this order:
 * <ol>
 *   <li>system properties {@code ichibyo.ffmpeg.path} and {@code ichibyo.ffprobe.path};</li>
 *   <li>environment variables {@code FFMPEG_PATH} and {@code FFPROBE_PATH};</li>
 *   <li>{@code /opt/bin/ffmpeg} and {@code /opt/bin/ffprobe} (the Lambda layer, and the task image);</li>
 *   <li>the unpacked layer build for the host architecture,
 *       {@code layers/ffmpeg/target/layer-<x86_64|arm64>/bin}, found by walking up from the working
 *       directory (or from system property {@code ichibyo.repo.dir}).</li>
 * </ol>
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe) {
    static final Path LAMBDA_LAYER_BIN = Path.of("/opt/bin");

    private static volatile FfmpegBinaries located;

    /** The binaries for this process, located once. */
    public static FfmpegBinaries locate() {
        FfmpegBinaries result = located;
        if (result == null) {
            result = locate(System.getProperties(), System.getenv(), LAMBDA_LAYER_BIN, Path.of("").toAbsolutePath());
            located = result;
        }
        return result;
    }

    /** The lookup itself, with its inputs explicit (for tests). */
    static FfmpegBinaries locate(Properties properties, Map<String, String> env, Path layerBin, Path workingDir) {
        List<String> tried = new ArrayList<>();
        FfmpegBinaries found = pair(properties.getProperty("ichibyo.ffmpeg.path"), properties.getProperty("ichibyo.ffprobe.path"),
                "system properties ichibyo.ffmpeg.path/ichibyo.ffprobe.path", tried);
        if (found == null) {
            found = pair(env.get("FFMPEG_PATH"), env.get("FFPROBE_PATH"), "FFMPEG_PATH/FFPROBE_PATH", tried);
        }
        if (found == null) {
            found = inDir(layerBin, tried);
        }
        if (found == null) {
            String repo = properties.getProperty("ichibyo.repo.dir");
            Path start = repo != null && !repo.isBlank() ? Path.of(repo).toAbsolutePath() : workingDir;
            String layerDir = "layers/ffmpeg/target/layer-" + hostArch(properties.getProperty("os.arch", "")) + "/bin";
            for (Path dir = start; dir != null && found == null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("layers/ffmpeg"))) {
                    found = inDir(dir.resolve(layerDir), tried);
                }
            }
            if (found == null) {
                tried.add(layerDir + " above " + start);
            }
        }
        if (found == null) {
            throw new FfmpegNotFoundException("ffmpeg and ffprobe not found (tried " + String.join("; ", tried)
                    + "). Build the FFmpeg layer with `./mvnw -pl layers/ffmpeg package`, or set FFMPEG_PATH and FFPROBE_PATH.");
        }
        return found;
    }

    /** The layer directory name for a JVM {@code os.arch}: {@code x86_64} or {@code arm64}. */
    static String hostArch(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "aarch64", "arm64" -> "arm64";
            case "amd64", "x86_64", "x64" -> "x86_64";
            default -> throw new FfmpegNotFoundException("no FFmpeg layer build for architecture " + osArch);
        };
    }

    private static FfmpegBinaries pair(String ffmpeg, String ffprobe, String source, List<String> tried) {
        boolean hasFfmpeg = ffmpeg != null && !ffmpeg.isBlank();
        boolean hasFfprobe = ffprobe != null && !ffprobe.isBlank();
        if (!hasFfmpeg && !hasFfprobe) {
            return null;
        }
        if (!hasFfmpeg || !hasFfprobe) {
            throw new FfmpegNotFoundException(source + ": set both, or neither");
        }
        Path a = Path.of(ffmpeg);
        Path b = Path.of(ffprobe);
        if (!Files.isExecutable(a) || !Files.isExecutable(b)) {
            throw new FfmpegNotFoundException(source + " name " + a + " and " + b + ", which are not both executable files");
        }
        tried.add(source);
        return new FfmpegBinaries(a, b);
    }

    private static FfmpegBinaries inDir(Path dir, List<String> tried) {
        Path a = dir.resolve("ffmpeg");
        Path b = dir.resolve("ffprobe");
        if (Files.isExecutable(a) && Files.isExecutable(b)) {
            return new FfmpegBinaries(a, b);
        }
        tried.add(dir.toString());
        return null;
    }
}
