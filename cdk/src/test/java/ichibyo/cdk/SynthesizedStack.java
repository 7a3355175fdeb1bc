package ichibyo.cdk;

import ichibyo.app.AppDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** A stack synthesised from a description, and its resources looked up by construct path. */
record SynthesizedStack(String stackName, Map<String, Object> resources) {

    /** The repository's real artifacts (the build makes them before this module's tests). */
    static final Artifacts ARTIFACTS = Artifacts.of(Path.of(""));

    static SynthesizedStack of(String stackName, AppDescription app, Artifacts artifacts) {
        App cdkApp = App.Builder.create().outdir(outdir().toString())
                .context(Map.of("aws:cdk:enable-path-metadata", true)).build();
        new IchibyoStack(cdkApp, stackName, StackProps.builder().build(), app, artifacts);
        Object template = cdkApp.synth().getStackByName(stackName).getTemplate();
        return new SynthesizedStack(stackName, map(map(template).get("Resources")));
    }

    /** Synthesised into the build folder, so a failing test leaves the cloud assembly to look at. */
    private static Path outdir() {
        try {
            return Files.createDirectories(Path.of("target/cdk-test")).resolve(Long.toString(System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Construct paths (under the stack) of the resources of a type, e.g. {@code queues/score-media/Resource}. */
    List<String> paths(String type) {
        return resources.values().stream().map(SynthesizedStack::map).filter(r -> type.equals(r.get("Type")))
                .map(r -> path(r).substring(stackName.length() + 1)).sorted().toList();
    }

    String logicalId(String path) {
        return find(path).orElseThrow(() -> new AssertionError("no resource at " + path + "; there are " + resources.keySet()));
    }

    Map<String, Object> properties(String path) {
        return map(map(resources.get(logicalId(path))).get("Properties"));
    }

    Map<String, Object> resource(String path) {
        return map(resources.get(logicalId(path)));
    }

    private Optional<String> find(String path) {
        return resources.entrySet().stream().filter(e -> (stackName + "/" + path).equals(path(map(e.getValue()))))
                .map(Map.Entry::getKey).findFirst();
    }

    private static String path(Map<String, Object> resource) {
        Object metadata = resource.get("Metadata");
        return metadata == null ? "" : String.valueOf(map(metadata).get("aws:cdk:path"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }
}
