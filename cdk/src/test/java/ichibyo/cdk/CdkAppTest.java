package ichibyo.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.app.Ichibyo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** What the CDK app makes of its context: the stage's stack, prod's protection, and cdk.json's feature flags. */
class CdkAppTest {

    static final Artifacts BUILT = Artifacts.of(Path.of(""));

    @Test
    void withoutAStage_theStackIsTheDevStage_andCanBeDeleted() {
        IchibyoStack stack = CdkApp.stack(StackTemplate.app(Map.of()), Ichibyo.app(), BUILT);

        assertThat(stack.getStackName()).isEqualTo("Ichibyo-dev");
        assertThat(stack.getTerminationProtection()).isFalse();
        // State machines are named after the stack: two stages in one account do not collide.
        Template.fromStack(stack).hasResourceProperties("AWS::StepFunctions::StateMachine",
                Map.of("StateMachineName", "Ichibyo-dev-" + Ichibyo.DELIVERY_RUN));
    }

    @Test
    void theProdStage_isProtectedFromTermination() {
        IchibyoStack stack = CdkApp.stack(StackTemplate.app(Map.of("stage", "prod")), Ichibyo.app(), BUILT);

        assertThat(stack.getStackName()).isEqualTo("Ichibyo-prod");
        assertThat(stack.getTerminationProtection()).isTrue();
    }

    @Test
    void aStageThatCannotNameAStack_isRefused() {
        App app = StackTemplate.app(Map.of("stage", "Prod_1"));
        assertThatThrownBy(() -> CdkApp.stack(app, Ichibyo.app(), BUILT)).hasMessageContaining("-c stage= takes");
    }

    @Test
    void cdkJson_setsEveryRecommendedFeatureFlagOfThePinnedCdk_asCdkInitWould() throws IOException {
        Map<?, ?> recommended = new ObjectMapper().readValue(recommendedFlags(), Map.class);

        assertThat(recommended).hasSizeGreaterThan(50);
        assertThat(StackTemplate.cdkJsonContext()).containsExactlyInAnyOrderEntriesOf(cast(recommended));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /**
     * {@code package/recommended-feature-flags.json} of the aws-cdk-lib on the class path (the version the parent
     * POM pins), from the jsii bundle inside its jar: what {@code cdk init} writes into a new project's cdk.json.
     */
    private static String recommendedFlags() throws IOException {
        Path jar = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry bundle = zip.stream().filter(e -> e.getName().endsWith(".jsii.tgz")).findFirst().orElseThrow();
            try (InputStream tar = new GZIPInputStream(zip.getInputStream(bundle), 1 << 16)) {
                byte[] header = new byte[512];
                while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                    String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replaceAll("\u0000.*", "");
                    long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replaceAll("[\u0000 ]", ""), 8);
                    long padded = (size + 511) / 512 * 512;
                    if (name.equals("package/recommended-feature-flags.json")) {
                        byte[] body = tar.readNBytes((int) size);
                        return new String(body, StandardCharsets.UTF_8);
                    }
                    tar.skipNBytes(padded);
                }
            }
        }
        throw new AssertionError("no package/recommended-feature-flags.json in " + jar);
    }
}
