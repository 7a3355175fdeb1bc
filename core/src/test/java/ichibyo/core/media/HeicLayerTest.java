package ichibyo.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ichibyo.core.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FFmpeg layer's HEIC decoder as Lambda runs it: {@code bin/heif-convert} of the layer build, with
 * nothing from this machine but the kernel (the layer carries its own glibc and loader), on a real
 * iPhone photo; and the arm64 build, which cannot run here, checked file by file.
 */
class HeicLayerTest {
    /** The x86_64 layer build the tests run (the parent POM's ICHIBYO_FFMPEG_DIR), or the located one. */
    private static final Path BIN = System.getenv(FfmpegBinaries.DIR_VARIABLE) != null
            ? Path.of(System.getenv(FfmpegBinaries.DIR_VARIABLE)).toAbsolutePath()
            : FfmpegBinaries.locate().ffmpeg().toAbsolutePath().getParent();

    @Test
    void locate_findsTheDecoderBesideFfmpeg() {
        HeicDecoder located = HeicDecoder.locate();
        assertThat(located).as(HeicDecoder.NOT_FOUND).isNotNull();
        if (System.getenv("HEIF_CONVERT_PATH") == null) {
            assertThat(located.program()).isEqualTo(FfmpegBinaries.locate().ffmpeg().resolveSibling("heif-convert"));
        }
    }

    @Test
    void locate_takesTheLayerDirectoryOverPath(@TempDir Path dir) throws IOException {
        Path inLayer = executable(dir.resolve("layer/bin/heif-convert"));
        executable(dir.resolve("usr/bin/heif-convert"));
        Map<String, String> env = Map.of(FfmpegBinaries.DIR_VARIABLE, dir.resolve("layer/bin").toString(),
                "PATH", dir.resolve("usr/bin").toString());
        assertThat(FfmpegBinaries.locateHeifConvert(new java.util.Properties(), env, dir.resolve("opt/bin"))).contains(inLayer);
        assertThat(FfmpegBinaries.locateHeifConvert(new java.util.Properties(), Map.of("PATH", dir.resolve("usr/bin").toString()),
                dir.resolve("layer/bin"))).as("/opt/bin on Lambda").contains(inLayer);
        assertThat(FfmpegBinaries.locateHeifConvert(new java.util.Properties(), Map.of("PATH", dir.resolve("usr/bin").toString()),
                dir.resolve("opt/bin"))).as("never from PATH").isEmpty();
    }

    static Stream<Arguments> environments() {
        return Stream.of(
                Arguments.of("nothing set (env -i)", Map.of()),
                // Lambda's own: the runtime's library folders come first, then /opt/lib.
                Arguments.of("Lambda's LD_LIBRARY_PATH", Map.of("LD_LIBRARY_PATH",
                        "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/lib64:/usr/lib64:/var/task/lib:/opt/lib")));
    }

    @ParameterizedTest(name = "with {0}")
    @MethodSource("environments")
    void packagedDecoder_decodesTheIphoneHeicWithOnlyTheLayersLibraries(String name, Map<String, String> env,
            @TempDir Path dir) throws Exception {
        Path jpeg = dir.resolve("IMG_1034.jpg");
        ProcessBuilder pb = new ProcessBuilder(BIN.resolve("heif-convert").toString(), "--quiet", "-q", "92",
                TestMedia.iphoneHeic().toString(), jpeg.toString())
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("loader.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("LD_DEBUG", "libs"); // the loader names every file it tries and every library it starts
        Process process = pb.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("loader.log"))).isZero();

        // The wrapper's /bin/sh loads the host's libc, then execs the layer's loader: heif-convert's part of
        // the log is what comes after the shell's "transferring control".
        List<String> log = Files.readAllLines(dir.resolve("loader.log"));
        List<String> program = heifConvertsPart(log);
        Path heifLib = BIN.resolveSibling("heif").resolve("lib").normalize();
        Set<String> started = new TreeSet<>();
        for (String line : program) {
            String file = pathAfter(line, "trying file=");
            if (file == null) {
                file = pathAfter(line, "calling init: ");
            }
            if (file != null) {
                assertThat(Path.of(file).normalize().startsWith(heifLib)).as(line + " is in " + heifLib).isTrue();
                if (line.contains("calling init: ")) {
                    started.add(Path.of(file).getFileName().toString());
                }
            }
        }
        assertThat(started).contains("libheif.so.1", "libde265.so.0", "libstdc++.so.6", "libc.so.6", "libm.so.6");

        MediaInfo decoded = MediaProbe.local().probe(jpeg);
        assertThat(decoded.kind()).isEqualTo(MediaKind.PHOTO);
        assertThat(decoded.width()).isEqualTo(4032);
        assertThat(decoded.height()).isEqualTo(3024);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64", "arm64"})
    void layer_holdsTheDecoderAndEveryLibraryItNeeds(String arch) throws IOException {
        Path layer = BIN.getParent().resolveSibling("layer-" + arch);
        assumeThat(layer.resolve("heif")).as("the layer builds of layers/ffmpeg").isDirectory();
        int machine = arch.equals("arm64") ? ElfFile.AARCH64 : ElfFile.X86_64;
        Path lib = layer.resolve("heif/lib");

        ElfFile program = ElfFile.read(layer.resolve("heif/bin/heif-convert"));
        assertThat(program.machine()).isEqualTo(machine);
        String loader = Path.of(program.interpreter()).getFileName().toString();
        assertThat(lib.resolve(loader)).isRegularFile();
        assertThat(Files.readString(layer.resolve("bin/heif-convert"))).contains("/lib/" + loader + "\" ", "--library-path", "--inhibit-cache");

        // Every NEEDED, recursively, is in heif/lib, for the same machine; and heif/lib holds nothing else.
        Set<String> reached = new HashSet<>(Set.of(loader));
        List<String> queue = new ArrayList<>(program.needed());
        while (!queue.isEmpty()) {
            String soname = queue.removeLast();
            if (reached.add(soname)) {
                assertThat(lib.resolve(soname)).as(soname + " (needed, in " + lib + ")").isRegularFile();
                ElfFile library = ElfFile.read(lib.resolve(soname));
                assertThat(library.machine()).as(soname).isEqualTo(machine);
                queue.addAll(library.needed());
            }
        }
        try (Stream<Path> files = Files.list(lib)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(reached);
        }
    }

    /** The loader's lines from the run that ends in transferring control to heif-convert itself. */
    private static List<String> heifConvertsPart(List<String> log) {
        List<String> part = new ArrayList<>();
        for (String line : log) {
            part.add(line);
            if (line.contains("transferring control: ")) {
                if (line.endsWith("/heif/bin/heif-convert")) {
                    return part;
                }
                part.clear();
            }
        }
        throw new AssertionError("the loader never started heif-convert:\n" + String.join("\n", log));
    }

    private static String pathAfter(String line, String marker) {
        int i = line.indexOf(marker);
        return i < 0 ? null : line.substring(i + marker.length()).trim();
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        file.toFile().setExecutable(true);
        return file;
    }
}
