package ichibyo.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the image without Docker, after {@code package} (an integration test: failsafe runs
 * it once the jar and the binaries are in target/): every COPY source exists, the ENTRYPOINT runs the jar's
 * main, the base image is pinned by a tag, the user is not root.
 */
class DockerfileIT {
    private static final Path CONTEXT = Path.of("").toAbsolutePath(); // tasks/, the image's build context

    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(CONTEXT.resolve("Dockerfile"))) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    private static Map<String, String> argDefaults() throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        for (String l : instructions()) {
            Matcher m = Pattern.compile("ARG (\\w+)=(\\S+)").matcher(l);
            if (m.matches()) {
                args.put(m.group(1), m.group(2));
            }
        }
        return args;
    }

    private static String expand(String text, Map<String, String> args) {
        for (var e : args.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue()).replace("$" + e.getKey(), e.getValue());
        }
        return text;
    }

    @Test
    void everyCopySource_existsInTheBuildContext_forEachArchitecture() throws IOException {
        List<String> copies = instructions().stream().filter(l -> l.startsWith("COPY ")).toList();
        assertThat(copies).hasSizeGreaterThanOrEqualTo(2);
        for (String arch : List.of("arm64", "x86_64")) {
            Map<String, String> args = argDefaults();
            args.put("FFMPEG_ARCH", arch);
            for (String copy : copies) {
                String[] parts = expand(copy, args).split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    Path source = CONTEXT.resolve(parts[i]);
                    assertThat(source).as(copy + " (" + arch + ")").exists();
                    if (Files.isDirectory(source) && source.getFileName().toString().equals("bin")) {
                        for (String program : List.of("ffmpeg", "ffprobe", "heif-convert")) {
                            assertThat(Files.isExecutable(source.resolve(program))).as(source.resolve(program) + " is executable").isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void entrypoint_runsTheTaskJar_whoseMainIsTaskMain() throws IOException {
        String entrypoint = instructions().stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        assertThat(entrypoint).startsWith("ENTRYPOINT [\"java\"").contains("\"-jar\", \"/app/ichibyo-tasks.jar\"]");
        String copied = instructions().stream().filter(l -> l.startsWith("COPY ") && l.endsWith(" /app/ichibyo-tasks.jar"))
                .findFirst().orElseThrow().split("\\s+")[1];
        try (JarFile jar = new JarFile(CONTEXT.resolve(copied).toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(TaskMain.class.getName());
            assertThat(jar.getEntry("ichibyo/tasks/render/RenderTask.class")).isNotNull();
            assertThat(jar.getEntry("ichibyo/functions/render/MovieRendering.class")).isNotNull();
            assertThat(jar.getEntry("ichibyo/core/render/fonts/DejaVuSans-Bold.ttf")).as("the title font").isNotNull();
        }
    }

    @Test
    void baseImage_isPinnedByTag_andTheUserIsNotRoot() throws IOException {
        List<String> from = instructions().stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(1);
        String image = from.getFirst().split("\\s+")[1];
        assertThat(image).matches("[^:@\\s]+:[^:\\s]+").doesNotEndWith(":latest");
        assertThat(image).contains("21"); // a Java 21 runtime

        String user = instructions().stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow().substring(5).strip();
        assertThat(user.split(":")[0]).isNotIn("root", "0");
    }
}
