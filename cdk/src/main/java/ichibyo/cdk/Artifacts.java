package ichibyo.cdk;

import ichibyo.app.FargateTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the stack deploys from the repository: the functions' deployment package, the FFmpeg layer, the
 * tasks' image context ({@code tasks/}: its Dockerfile, the shaded jar and the FFmpeg binaries under
 * {@code target/}), and the state machine definitions under {@code statemachines/}.
 *
 * @param root the repository root; definition files in the description are relative to it
 */
public record Artifacts(Path root, Path functionsJar, Path ffmpegLayer, Path tasksContext) {

    /** The command that builds what {@link #requireBuilt()} and {@link #requireTaskImage} need. */
    public static final String BUILD_COMMAND = "./mvnw -DskipTests -pl cdk -am package";

    /** The tasks' image context of the repository at {@code root}. */
    public Artifacts(Path root, Path functionsJar, Path ffmpegLayer) {
        this(root, functionsJar, ffmpegLayer, root.resolve("tasks"));
    }

    /** The artifacts of the repository that holds {@code start} (or one of its parents). */
    public static Artifacts of(Path start) {
        Path root = start.toAbsolutePath().normalize();
        while (root != null && !Files.isRegularFile(root.resolve("cdk/cdk.json"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("not inside the ichibyo repository (no cdk/cdk.json above " + start.toAbsolutePath() + ")");
        }
        return new Artifacts(root,
                root.resolve("functions/target/lambda/ichibyo-functions.jar"),
                root.resolve("layers/ffmpeg/target/ffmpeg-layer-arm64.zip"));
    }

    /** Fails with the command to run when a deployed file has not been built yet. */
    public Artifacts requireBuilt() {
        for (Path p : List.of(functionsJar, ffmpegLayer)) {
            require(p);
        }
        return this;
    }

    /** Fails with the command to run when the tasks' image context lacks a file its Dockerfile copies. */
    public Artifacts requireTaskImage(FargateTask.CpuArchitecture architecture) {
        require(tasksContext.resolve("Dockerfile"));
        require(tasksContext.resolve("target/ichibyo-tasks.jar"));
        require(tasksContext.resolve("target/ffmpeg").resolve(ffmpegArch(architecture)).resolve("bin/ffmpeg"));
        return this;
    }

    /** The Dockerfile's {@code FFMPEG_ARCH}: the FFmpeg layer's name for the architecture. */
    static String ffmpegArch(FargateTask.CpuArchitecture architecture) {
        return architecture.name().toLowerCase(Locale.ROOT);
    }

    private void require(Path p) {
        if (!Files.isRegularFile(p)) {
            String shown = p.startsWith(root) ? root.relativize(p).toString() : p.toString();
            throw new IllegalStateException(shown + " is missing: build it first with " + BUILD_COMMAND);
        }
    }

    public Path definition(String relativePath) {
        return root.resolve(relativePath);
    }
}
