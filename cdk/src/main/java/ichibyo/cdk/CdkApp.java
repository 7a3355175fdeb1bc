package ichibyo.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import ichibyo.app.AppDescription;
import ichibyo.app.Ichibyo;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app ({@code cdk/cdk.json}): one stack per stage, {@code Ichibyo-STAGE}, from {@link Ichibyo#app()}. The
 * stage comes from {@code -c stage=NAME} (default {@value #DEFAULT_STAGE}); {@value #PROD} has termination
 * protection. The account and region are the CLI's ({@code CDK_DEFAULT_ACCOUNT}, {@code CDK_DEFAULT_REGION});
 * nothing is looked up, so {@code cdk synth} works offline and without credentials. cdk-nag's AwsSolutions and
 * Serverless packs check every synthesis: an unsuppressed finding fails it.
 */
public final class CdkApp {

    public static final String DEFAULT_STAGE = "dev";
    public static final String PROD = "prod";

    private CdkApp() {}

    public static void main(String[] args) {
        App app = new App();
        stack(app, Ichibyo.app(), Artifacts.of(Path.of("")));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app).add(new ServerlessChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
    }

    /** The stage's stack in {@code app}: its name, protection and tags from the context. */
    static IchibyoStack stack(App app, AppDescription description, Artifacts artifacts) {
        String stage = stage(app);
        Environment env = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        IchibyoStack stack = new IchibyoStack(app, stackName(stage), StackProps.builder().env(env)
                .description("ichibyo (" + stage + "): 1-second movies of families' photos and videos")
                // Deleting prod takes turning this off first: the data is retained anyway, the rest is not.
                .terminationProtection(PROD.equals(stage))
                .build(), description, artifacts);
        Tags.of(stack).add("project", "ichibyo");
        Tags.of(stack).add("stage", stage);
        return stack;
    }

    /** {@code -c stage=NAME}: lower-case letters, digits and hyphens, at most 16, starting with a letter. */
    static String stage(App app) {
        Object value = app.getNode().tryGetContext("stage");
        String stage = value == null ? DEFAULT_STAGE : String.valueOf(value);
        if (!stage.matches("[a-z][a-z0-9-]{0,15}")) {
            throw new IllegalArgumentException("-c stage= takes 1–16 lower-case letters, digits and hyphens, starting with a letter, not " + stage);
        }
        return stage;
    }

    static String stackName(String stage) {
        return "Ichibyo-" + stage;
    }
}
