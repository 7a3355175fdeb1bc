package ichibyo.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the stack deploys from the repository: the functions' deployment package, the FFmpeg layer,
 * and the state machine definitions under {@code statemachines/}.
 *
 * @param root the repository root; definition files in the description are relative to it
 */
public record Artifacts(Path root, Path functionsJar, Path ffmpegLayer) {

    /** The command that builds what {@link #requireBuilt()} needs. */
    public static final String BUILD_COMMAND = "./mvnw -DskipTests -pl cdk -am package";

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
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(root.relativize(p) + " is missing: build it first with " + BUILD_COMMAND);
            }
        }
        return this;
    }

    public Path definition(String relativePath) {
        return root.resolve(relativePath);
    }
}
