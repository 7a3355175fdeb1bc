package ichibyo.cdk;

import static ichibyo.cdk.StackTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.app.Queue;
import ichibyo.app.Ref;
import ichibyo.app.Schedule;
import ichibyo.app.StateMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

/**
 * What the stack makes of the kinds of resources ichibyo's own description does not use yet (state
 * machines, schedules, references between functions and state machines), what it refuses, and the
 * deployment package it uploads.
 */
class DescriptionToStackTest {

    /** The repository's real artifacts (the build makes them before this module's tests). */
    static final Artifacts BUILT = Artifacts.of(Path.of(""));

    @TempDir
    Path repo;

    /** A delivery-run-like app: a schedule starts a state machine whose Distributed Map invokes a function. */
    private AppDescription workflowApp() throws IOException {
        Files.createDirectories(repo.resolve("statemachines"));
        Files.writeString(repo.resolve("statemachines/run.asl.json"), """
                {"QueryLanguage": "JSONata", "StartAt": "Families",
                 "States": {"Families": {"Type": "Map", "End": true,
                   "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                  "Arguments": {"Bucket": "${MediaBucket}", "Key": "manifest.jsonl"}},
                   "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                     "StartAt": "Work", "States": {"Work": {"Type": "Task", "End": true,
                       "Resource": "arn:aws:states:::lambda:invoke",
                       "Arguments": {"FunctionName": "${WorkerArn}", "Payload": "{% $states.input %}"}}}}}}}
                """);
        return new AppDescription(
                List.of(Bucket.of("media")), List.of(), List.of(), List.of(),
                List.of(new StateMachine("run", "statemachines/run.asl.json", StateMachine.Type.STANDARD,
                        Map.of("MediaBucket", Ref.bucketName("media"), "WorkerArn", Ref.functionArn("worker")))),
                // The worker names the state machine that invokes it: no dependency cycle (the ARN is formatted).
                List.of(new Function("worker", "ichibyo.functions.score.ScoreMediaHandler", 1024, Duration.ofSeconds(30),
                        Map.of("RUN_ARN", Ref.stateMachineArn("run"), "MODE", Ref.literal("quarterly")), List.of())),
                List.of(),
                List.of(new Schedule("quarterly", "cron(0 9 1 1,4,7,10 ? *)", "Asia/Tokyo", "run",
                        "{\"edition\":\"quarterly\"}", 15)),
                List.of());
    }

    private Artifacts artifacts() {
        return new Artifacts(repo, BUILT.functionsJar(), BUILT.ffmpegLayer());
    }

    @Test
    void stateMachine_comesFromItsDefinitionFile_withSubstitutionsAndAccessToWhatTheyName() throws IOException {
        StackTemplate stack = StackTemplate.of("Fixture", workflowApp(), artifacts());

        // The worker runs with SnapStart: callers invoke its live alias (the latest published version).
        String alias = stack.logicalId("functions/worker/Aliaslive/Resource");
        Capture definition = new Capture();
        stack.hasPropertiesAt("AWS::StepFunctions::StateMachine", "statemachines/run/Resource", Map.of(
                "StateMachineName", "Fixture-run",
                "StateMachineType", "STANDARD",
                "DefinitionString", definition,
                "DefinitionSubstitutions", Match.objectEquals(Map.of(
                        "MediaBucket", ref(stack.logicalId("buckets/media/Resource")),
                        "WorkerArn", ref(alias)))));
        assertThat(definition.asString()).contains("\"DISTRIBUTED\"", "${WorkerArn}");

        String policy = stack.policy("statemachines/run/Role/DefaultPolicy/Resource");
        assertThat(policy).contains("lambda:InvokeFunction", alias,
                "s3:GetObject*", stack.logicalId("buckets/media/Resource"),
                // The Distributed Map starts child executions of its own state machine.
                "states:StartExecution", "stateMachine:Fixture-run");
    }

    @Test
    void functionNamingAStateMachine_getsItsArnAndMayStartIt_withoutADependencyOnIt() throws IOException {
        StackTemplate stack = StackTemplate.of("Fixture", workflowApp(), artifacts());

        Capture runArn = new Capture();
        stack.hasPropertiesAt("AWS::Lambda::Function", "functions/worker/Resource", Map.of(
                "Environment", Match.objectLike(Map.of("Variables", Match.objectLike(Map.of(
                        "MODE", "quarterly",
                        "RUN_ARN", runArn))))));
        String arn = String.valueOf(runArn.asObject());
        assertThat(arn).contains(":states:", ":stateMachine:Fixture-run")
                .doesNotContain(stack.logicalId("statemachines/run/Resource"));
        assertThat(stack.policy("functions/worker/ServiceRole/DefaultPolicy/Resource"))
                .contains("states:StartExecution", "stateMachine:Fixture-run", "states:DescribeExecution", "execution:Fixture-run:*");
    }

    @Test
    void schedule_startsItsStateMachineInItsTimeZone() throws IOException {
        StackTemplate stack = StackTemplate.of("Fixture", workflowApp(), artifacts());

        Capture machineArn = new Capture();
        stack.hasPropertiesAt("AWS::Scheduler::Schedule", "schedules/quarterly", Map.of(
                "ScheduleExpression", "cron(0 9 1 1,4,7,10 ? *)",
                "ScheduleExpressionTimezone", "Asia/Tokyo",
                "FlexibleTimeWindow", Match.objectEquals(Map.of("Mode", "FLEXIBLE", "MaximumWindowInMinutes", 15)),
                "Target", Match.objectLike(Map.of(
                        "Input", "{\"edition\":\"quarterly\"}",
                        "Arn", machineArn))));
        assertThat(String.valueOf(machineArn.asObject())).contains(":stateMachine:Fixture-run");
        assertThat(stack.policy("schedules/quarterly-role/DefaultPolicy/Resource"))
                .contains("states:StartExecution", ":stateMachine:Fixture-run");
    }

    @Test
    void inconsistentDescription_isRefusedWithWhatIsWrong() {
        AppDescription broken = new AppDescription(List.of(), List.of(),
                List.of(new Queue("jobs", Duration.ofSeconds(30), Duration.ofDays(1), new Queue.DeadLetter("missing-dlq", 3))),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        assertThatThrownBy(() -> StackTemplate.of("Refused", broken, BUILT))
                .hasMessageContaining("refers to queue missing-dlq, which is not described");
    }

    @Test
    void missingDeploymentPackage_namesTheCommandThatBuildsIt() {
        Artifacts unbuilt = new Artifacts(repo, repo.resolve("functions/target/lambda/ichibyo-functions.jar"),
                BUILT.ffmpegLayer());

        assertThatThrownBy(() -> StackTemplate.of("Unbuilt", Ichibyo.app(), unbuilt))
                .hasMessageContaining("functions/target/lambda/ichibyo-functions.jar is missing")
                .hasMessageContaining(Artifacts.BUILD_COMMAND);
    }

    @Test
    void deploymentPackage_holdsEveryHandler_andFitsLambdasLimitWithTheLayer() throws IOException {
        Artifacts artifacts = BUILT;
        try (ZipFile jar = new ZipFile(artifacts.functionsJar().toFile())) {
            for (Function f : Ichibyo.app().functions()) {
                assertThat(jar.getEntry(f.handler().replace('.', '/') + ".class")).as(f.handler()).isNotNull();
            }
            // ONNX Runtime's natives for arm64 Linux only (the functions' architecture), not for all five platforms.
            assertThat(jar.stream().map(ZipEntry::getName).filter(n -> n.matches("ai/onnxruntime/native/.+/.+\\.(so|dylib|dll)")))
                    .containsExactlyInAnyOrder("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
                            "ai/onnxruntime/native/linux-aarch64/libonnxruntime4j_jni.so");
            long unzipped = unzippedSize(jar) + unzippedSize(artifacts.ffmpegLayer());
            // Lambda's limit for a function's code and all its layers, unzipped.
            assertThat(unzipped).isLessThan(250L * 1024 * 1024);
        }
    }

    @Test
    void deploymentPackage_runsUploadUrl_withNothingElseOnTheClasspath() throws Exception {
        // Shading can break what only shows at run time (service files, SDK endpoint rules): run the handler from
        // the package alone, in a JVM of its own, configured as Lambda configures it.
        Path probe = Path.of(DescriptionToStackTest.class.getResource("/LambdaPackageProbe.java").toURI());
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", BUILT.functionsJar().toString(), probe.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        // upload-url reads the caller's membership and the catalog (is the media id taken?): a loopback endpoint
        // answers GetItem with the probe user's membership, and with no item for the catalog, which is enough to run
        // the package's DynamoDB client (protocol, endpoint rules) with no network.
        com.sun.net.httpserver.HttpServer dynamoDb = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        dynamoDb.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            byte[] answer = (request.contains("ichibyo-memberships-probe")
                    ? "{\"Item\":{\"pk\":{\"S\":\"USER#probe-user\"},\"sk\":{\"S\":\"FAMILY#family-0001\"},\"role\":{\"S\":\"OWNER\"}}}"
                    : "{}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        dynamoDb.start();
        pb.environment().putAll(Map.of("MEDIA_BUCKET", "ichibyo-media-probe", "CATALOG_TABLE", "ichibyo-catalog-probe",
                "MEMBERSHIPS_TABLE", "ichibyo-memberships-probe",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamoDb.getAddress().getPort(), "AWS_REGION", "ap-northeast-1",
                "AWS_ACCESS_KEY_ID", "AKIDPROBE", "AWS_SECRET_ACCESS_KEY", "probe-secret"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        dynamoDb.stop(0);

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("STATUS 200")
                .contains("https://ichibyo-media-probe.s3.ap-northeast-1.amazonaws.com/originals/family-0001/probe.jpg?")
                .contains("X-Amz-Credential=AKIDPROBE");
    }

    private static long unzippedSize(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return unzippedSize(z);
        }
    }

    private static long unzippedSize(ZipFile zip) {
        return zip.stream().mapToLong(ZipEntry::getSize).sum();
    }
}
