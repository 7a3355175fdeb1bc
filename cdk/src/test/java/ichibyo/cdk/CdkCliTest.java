package ichibyo.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The way engineers ship: the CDK CLI (installed from cdk/package.json) runs the app named in
 * cdk/cdk.json and synthesises the stack with its assets, offline and without credentials.
 */
class CdkCliTest {

    static final Path CDK = Artifacts.of(Path.of("")).root().resolve("cdk");

    @Test
    void cdkSynth_throughCdkJson_writesTheStackAndItsAssets() throws Exception {
        if (!Files.isExecutable(CDK.resolve("node_modules/.bin/cdk"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        Path out = CDK.resolve("target/cli-test.out");

        String log = run(List.of(CDK.resolve("node_modules/.bin/cdk").toString(),
                "synth", "--quiet", "--no-notices", "--output", out.toString()), 300);

        String template = Files.readString(out.resolve("Ichibyo-dev.template.json"));
        for (Function f : Ichibyo.app().functions()) {
            assertThat(template).contains("\"" + f.handler() + "::handleRequest\"");
        }
        // The functions' package and the FFmpeg layer are staged to be uploaded by cdk deploy.
        String assets = Files.readString(out.resolve("Ichibyo-dev.assets.json"));
        assertThat(assets).contains(".jar\"", ".zip\"");
        try (var staged = Files.list(out)) {
            assertThat(staged.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("asset.")))
                    .anyMatch(n -> n.endsWith(".jar")).anyMatch(n -> n.endsWith(".zip"));
        }
        assertThat(log).doesNotContain("Error");
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(CDK.toFile()).redirectErrorStream(true);
        pb.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        pb.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String log = new String(output, StandardCharsets.UTF_8);
        assertThat(done).as("%s finished in %d s", command, timeoutSeconds).isTrue();
        assertThat(p.exitValue()).as("%s exit status; output:%n%s", command, log).isZero();
        return log;
    }
}
