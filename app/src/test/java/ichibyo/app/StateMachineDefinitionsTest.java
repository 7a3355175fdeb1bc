package ichibyo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every file in {@code statemachines/} is a described state machine, every {@code ${Name}} in it is
 * one of its substitutions (and every substitution is used), and with the substitutions filled in as
 * the CDK app fills them (ARNs, names) asl-validator (pinned in statemachines/package.json) accepts it.
 * A new workflow is checked by adding it to the description; nobody has to remember this test.
 */
class StateMachineDefinitionsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path FOLDER = ROOT.resolve("statemachines");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    @BeforeAll
    static void installValidator() throws Exception {
        if (!Files.isRegularFile(FOLDER.resolve("node_modules/asl-validator/package.json"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 300);
        }
    }

    @Test
    void everyDefinitionFile_isADescribedStateMachine() throws IOException {
        Set<String> described = new TreeSet<>();
        Ichibyo.app().stateMachines().forEach(m -> described.add(m.definitionFile()));
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(FOLDER)) {
            list.filter(p -> p.getFileName().toString().endsWith(".asl.json"))
                    .forEach(p -> files.add(ROOT.relativize(p).toString()));
        }
        assertThat(files).isNotEmpty().isEqualTo(described);
    }

    @Test
    void placeholders_areExactlyTheSubstitutions() throws IOException {
        for (StateMachine m : Ichibyo.app().stateMachines()) {
            Set<String> used = new TreeSet<>();
            Matcher matcher = PLACEHOLDER.matcher(Files.readString(ROOT.resolve(m.definitionFile())));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
            assertThat(used).as("placeholders of %s", m.definitionFile()).isEqualTo(new TreeSet<>(m.substitutions().keySet()));
        }
    }

    @Test
    void aslValidator_acceptsEveryDefinition_withItsSubstitutionsFilledIn() throws Exception {
        Path out = Files.createDirectories(ROOT.resolve("app/target/statemachines"));
        List<String> command = new ArrayList<>(List.of(FOLDER.resolve("node_modules/.bin/asl-validator").toString()));
        for (StateMachine m : Ichibyo.app().stateMachines()) {
            String text = Files.readString(ROOT.resolve(m.definitionFile()));
            for (Map.Entry<String, Ref> s : m.substitutions().entrySet()) {
                text = text.replace("${" + s.getKey() + "}", s.getValue().resolve(AS_ON_AWS));
            }
            Path filled = out.resolve(Path.of(m.definitionFile()).getFileName());
            Files.writeString(filled, text);
            command.add("--json-path");
            command.add(filled.toString());
        }
        String log = run(command, 120);
        assertThat(log).doesNotContain("invalid");
    }

    /** Values of the shape the CDK app's tokens resolve to on AWS, so asl-validator's ARN checks apply. */
    static final Ref.Resolver<String> AS_ON_AWS = new Ref.Resolver<>() {
        static final String AT = "us-east-1:123456789012:";
        public String literal(String value) { return value; }
        public String bucketName(String bucket) { return bucket; }
        public String tableName(String table) { return table; }
        public String queueUrl(String queue) { return "https://sqs.us-east-1.amazonaws.com/123456789012/" + queue; }
        public String functionArn(String function) { return "arn:aws:lambda:" + AT + "function:" + function + ":live"; }
        public String stateMachineArn(String m) { return "arn:aws:states:" + AT + "stateMachine:" + m; }
        public String taskDefinitionArn(String task) { return "arn:aws:ecs:" + AT + "task-definition/" + task + ":1"; }
        public String eventBusName(String bus) { return bus; }
        public String clusterArn() { return "arn:aws:ecs:" + AT + "cluster/ichibyo"; }
        public String taskSubnets() { return "subnet-0a1b2c3d,subnet-4e5f6a7b"; }
        public String taskSecurityGroup() { return "sg-0a1b2c3d4e5f6a7b8"; }
        public String capacityProvider(String task) { return "FARGATE_SPOT"; }
    };

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(FOLDER.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String log = new String(output, StandardCharsets.UTF_8);
        assertThat(done).as("%s finished in %d s", command, timeoutSeconds).isTrue();
        assertThat(p.exitValue()).as("%s exit status; output:%n%s", command, log).isZero();
        return log;
    }
}
