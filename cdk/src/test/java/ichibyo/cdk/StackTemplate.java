package ichibyo.cdk;

import ichibyo.app.AppDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A stack synthesised from a description, as aws-cdk-lib's assertion {@link Template}, with its resources found
 * by construct path (the tests name resources as the stack names its constructs, e.g. {@code queues/score-media/Resource}).
 */
record StackTemplate(String stackName, Template template, Map<String, String> logicalIds) {

    static StackTemplate of(String stackName, AppDescription app, Artifacts artifacts) {
        return of(stackName, app, artifacts, Map.of());
    }

    /** With CDK context, as {@code cdk synth -c KEY=VALUE} gives it. */
    static StackTemplate of(String stackName, AppDescription app, Artifacts artifacts, Map<String, Object> context) {
        // Path metadata gives each resource its construct path (aws:cdk:path), which the tests look resources up by.
        Map<String, Object> all = new HashMap<>(context);
        all.put("aws:cdk:enable-path-metadata", true);
        App cdkApp = App.Builder.create().outdir(outdir().toString()).context(all).build();
        Template template = Template.fromStack(new IchibyoStack(cdkApp, stackName, StackProps.builder().build(), app, artifacts));
        Map<String, String> logicalIds = new HashMap<>();
        ((Map<?, ?>) template.toJSON().get("Resources")).forEach((id, resource) -> {
            Object metadata = ((Map<?, ?>) resource).get("Metadata");
            Object path = metadata instanceof Map<?, ?> m ? m.get("aws:cdk:path") : null;
            if (path != null) {
                logicalIds.put(String.valueOf(path).substring(stackName.length() + 1), String.valueOf(id));
            }
        });
        return new StackTemplate(stackName, template, Map.copyOf(logicalIds));
    }

    /** Synthesised into the build folder, so a failing test leaves the cloud assembly to look at. */
    private static Path outdir() {
        try {
            return Files.createDirectories(Path.of("target/cdk-test")).resolve(Long.toString(System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Construct paths (under the stack) of the resources of a type. */
    List<String> paths(String type) {
        return template.findResources(type).values().stream()
                .map(r -> String.valueOf(((Map<?, ?>) r.get("Metadata")).get("aws:cdk:path")).substring(stackName.length() + 1))
                .sorted().toList();
    }

    String logicalId(String path) {
        String id = logicalIds.get(path);
        if (id == null) {
            throw new AssertionError("no resource at " + path + "; there are " + new TreeSet<>(logicalIds.keySet()));
        }
        return id;
    }

    /** Asserts the resource at {@code path} has the type and matches {@code pattern} (e.g. its DeletionPolicy). */
    void hasResourceAt(String type, String path, Map<String, ?> pattern) {
        logicalId(path);
        Map<String, Object> whole = new HashMap<>(pattern);
        whole.put("Metadata", Match.objectLike(Map.of("aws:cdk:path", stackName + "/" + path)));
        template.hasResource(type, Match.objectLike(whole));
    }

    /** Asserts the resource at {@code path} has the type and its Properties match {@code properties}. */
    void hasPropertiesAt(String type, String path, Map<String, ?> properties) {
        hasResourceAt(type, path, Map.of("Properties", Match.objectLike(properties)));
    }

    /** The policy document of the IAM policy at {@code path}, as text to look for actions and resources in. */
    String policy(String path) {
        Capture document = new Capture();
        hasPropertiesAt("AWS::IAM::Policy", path, Map.of("PolicyDocument", document));
        return String.valueOf(document.asObject());
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }
}
