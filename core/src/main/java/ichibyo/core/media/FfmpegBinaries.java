package ichibyo.core.media;

import ichibyo.core.media.exceptions.FfmpegNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where ffmpeg and ffprobe are: the one locator, so every environment runs the same static
 * binaries of the FFmpeg layer (local results hold on Lambda). It knows no repository layout:
 * whoever runs the code says where the binaries are.
 *
 * <p>Looked up in this order:
 * <ol>
 *   <li>system properties {@code ichibyo.ffmpeg.path} and {@code ichibyo.ffprobe.path};</li>
 *   <li>environment variables {@code FFMPEG_PATH} and {@code FFPROBE_PATH};</li>
 *   <li>a directory holding both, system property {@code ichibyo.ffmpeg.dir} or environment variable
 *       {@value #DIR_VARIABLE} (the build's tests and {@code ichibyo-local} set it to the unpacked layer
 *       build for the host architecture);</li>
 *   <li>{@code /opt/bin/ffmpeg} and {@code /opt/bin/ffprobe} (the Lambda layer, and the task image).</li>
 * </ol>
 *
 * <p>The layer's HEIC decoder ({@link #locateHeifConvert()}) is found the same way: system property
 * {@code ichibyo.heif-convert.path}, environment variable {@code HEIF_CONVERT_PATH}, then
 * {@code heif-convert} in the same directories. Never from {@code PATH}: a host's own heif-convert
 * would decode differently from the one on Lambda.
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe) {
    static final Path LAMBDA_LAYER_BIN = Path.of("/opt/bin");
    /** The environment variable naming a directory with ffmpeg and ffprobe. */
    public static final String DIR_VARIABLE = "ICHIBYO_FFMPEG_DIR";
    static final String DIR_PROPERTY = "ichibyo.ffmpeg.dir";

    static final String HEIF_CONVERT = "heif-convert";

    private static volatile FfmpegBinaries located;
    private static volatile Optional<Path> heifConvert;

    /** The binaries for this process, located once. */
    public static FfmpegBinaries locate() {
        FfmpegBinaries result = located;
        if (result == null) {
            result = locate(System.getProperties(), System.getenv(), LAMBDA_LAYER_BIN);
            located = result;
        }
        return result;
    }

    /** The lookup itself, with its inputs explicit (for tests). */
    static FfmpegBinaries locate(Properties properties, Map<String, String> env, Path layerBin) {
        List<String> tried = new ArrayList<>();
        FfmpegBinaries found = pair(properties.getProperty("ichibyo.ffmpeg.path"), properties.getProperty("ichibyo.ffprobe.path"),
                "system properties ichibyo.ffmpeg.path/ichibyo.ffprobe.path", tried);
        if (found == null) {
            found = pair(env.get("FFMPEG_PATH"), env.get("FFPROBE_PATH"), "FFMPEG_PATH/FFPROBE_PATH", tried);
        }
        if (found == null) {
            found = configuredDir(properties.getProperty(DIR_PROPERTY), "system property " + DIR_PROPERTY, tried);
        }
        if (found == null) {
            found = configuredDir(env.get(DIR_VARIABLE), DIR_VARIABLE, tried);
        }
        if (found == null) {
            found = inDir(layerBin, tried);
        }
        if (found == null) {
            throw new FfmpegNotFoundException("ffmpeg and ffprobe not found (tried " + String.join("; ", tried)
                    + "). Build the FFmpeg layer with `./mvnw -pl layers/ffmpeg package` and set " + DIR_VARIABLE
                    + " to its layers/ffmpeg/target/layer-<x86_64|arm64>/bin, or set FFMPEG_PATH and FFPROBE_PATH.");
        }
        return found;
    }

    /** The FFmpeg layer's heif-convert for this process, located once; empty when no source has one. */
    public static Optional<Path> locateHeifConvert() {
        Optional<Path> result = heifConvert;
        if (result == null) {
            result = locateHeifConvert(System.getProperties(), System.getenv(), LAMBDA_LAYER_BIN);
            heifConvert = result;
        }
        return result;
    }

    /** The heif-convert lookup, with its inputs explicit (for tests). */
    static Optional<Path> locateHeifConvert(Properties properties, Map<String, String> env, Path layerBin) {
        String[][] files = {
                {properties.getProperty("ichibyo.heif-convert.path"), "system property ichibyo.heif-convert.path"},
                {env.get("HEIF_CONVERT_PATH"), "HEIF_CONVERT_PATH"}};
        for (String[] file : files) {
            if (file[0] != null && !file[0].isBlank()) {
                Path p = Path.of(file[0]);
                if (!Files.isExecutable(p)) {
                    throw new FfmpegNotFoundException(file[1] + " names " + p + ", which is not an executable file");
                }
                return Optional.of(p);
            }
        }
        // In the layer directory the build, ichibyo-local or Lambda provides (an older layer build may lack it).
        for (String dir : new String[] {properties.getProperty(DIR_PROPERTY), env.get(DIR_VARIABLE), layerBin.toString()}) {
            if (dir != null && !dir.isBlank()) {
                Path p = Path.of(dir).resolve(HEIF_CONVERT);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
                if (!dir.equals(layerBin.toString())) {
                    return Optional.empty(); // the configured layer decides, as it does for ffmpeg
                }
            }
        }
        return Optional.empty();
    }

    private static FfmpegBinaries configuredDir(String dir, String source, List<String> tried) {
        if (dir == null || dir.isBlank()) {
            return null;
        }
        FfmpegBinaries found = inDir(Path.of(dir), tried);
        if (found == null) {
            throw new FfmpegNotFoundException(source + " names " + dir + ", which has no executable ffmpeg and ffprobe"
                    + " (build the FFmpeg layer with `./mvnw -pl layers/ffmpeg package`)");
        }
        return found;
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
