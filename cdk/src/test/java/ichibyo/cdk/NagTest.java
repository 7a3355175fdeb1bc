package ichibyo.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import ichibyo.app.Ichibyo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions and Serverless packs on the whole app: no finding may be left, neither an error
 * nor a warning, unless {@link Suppressions} names its rule, its resource and why. The packs visit every
 * construct, so a resource added to the description is checked without anyone remembering to.
 */
class NagTest {

    @Test
    void theWholeApp_hasNoUnsuppressedFinding_ofTheAwsSolutionsAndServerlessPacks() {
        // As cdk synth makes it (cdk.json's feature flags, the default stage), with the app's own checks.
        App app = StackTemplate.app(java.util.Map.of());
        IchibyoStack stack = CdkApp.stack(app, Ichibyo.app(), Artifacts.of(Path.of("")));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app).add(new ServerlessChecks(NagPackProps.builder().verbose(true).build()));

        List<String> findings = findings(stack);
        assertThat(findings).as("%d findings:%n%s", findings.size(), String.join("\n", findings)).isEmpty();
    }

    @Test
    void aResourceTheStackDoesNotHarden_isFound() {
        // Without cdk.json's flags, whose validation report would turn the finding into a failed synthesis.
        App app = App.Builder.create().outdir(Path.of("target/cdk-test/nag-" + System.nanoTime()).toString()).build();
        IchibyoStack stack = CdkApp.stack(app, Ichibyo.app(), Artifacts.of(Path.of("")));
        // As someone might add one: a topic that accepts publishers without TLS.
        software.amazon.awscdk.services.sns.Topic.Builder.create(stack, "careless").build();
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));

        assertThat(findings(stack)).isNotEmpty().allMatch(f -> f.contains("/Ichibyo-dev/careless/"))
                .anyMatch(f -> f.startsWith("error /Ichibyo-dev/careless/Resource: AwsSolutions-SNS3"));
    }

    private static List<String> findings(IchibyoStack stack) {
        Annotations annotations;
        try {
            annotations = Annotations.fromStack(stack);
        } catch (RuntimeException e) {
            // cdk.json's flags fail the synthesis on an error annotation: its report lists the findings.
            throw new AssertionError("cdk-nag findings failed the synthesis: " + e.getMessage(), e);
        }
        List<String> findings = new ArrayList<>();
        for (SynthesisMessage m : annotations.findError("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*"))) {
            findings.add("error " + m.getId() + ": " + m.getEntry().getData());
        }
        for (SynthesisMessage m : annotations.findWarning("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*"))) {
            findings.add("warning " + m.getId() + ": " + m.getEntry().getData());
        }
        return findings;
    }
}
