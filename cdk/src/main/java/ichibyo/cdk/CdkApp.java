package ichibyo.cdk;

import ichibyo.app.Ichibyo;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app ({@code cdk/cdk.json}): one stack, {@code Ichibyo}, from {@link Ichibyo#app()}. The account
 * and region are the CLI's ({@code CDK_DEFAULT_ACCOUNT}, {@code CDK_DEFAULT_REGION}); nothing is looked
 * up, so {@code cdk synth} works offline and without credentials.
 */
public final class CdkApp {

    private CdkApp() {}

    public static void main(String[] args) {
        App app = new App();
        Environment env = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        IchibyoStack stack = new IchibyoStack(app, "Ichibyo", StackProps.builder().env(env)
                .description("ichibyo: 1-second movies of families' photos and videos").build(),
                Ichibyo.app(), Artifacts.of(Path.of("")));
        Tags.of(stack).add("project", "ichibyo");
        app.synth();
    }
}
