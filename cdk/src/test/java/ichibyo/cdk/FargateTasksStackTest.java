package ichibyo.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.app.Access;
import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.FargateTask;
import ichibyo.app.Ref;
import ichibyo.app.StateMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What the stack makes of Fargate tasks (a fixture description: a render task on Spot and a state machine that
 * runs it with {@code ecs:runTask.waitForTaskToken}), held on the synthesised template.
 */
class FargateTasksStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path repo;
    static Path outdir;
    static Template template;
    static JsonNode resources;

    @BeforeAll
    static void synth() throws IOException {
        Files.createDirectories(repo.resolve("statemachines"));
        Files.writeString(repo.resolve("statemachines/render.asl.json"), """
                {"QueryLanguage": "JSONata", "StartAt": "Render",
                 "States": {"Render": {"Type": "Task", "End": true, "HeartbeatSeconds": 60,
                   "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken",
                   "Arguments": {"Cluster": "${Cluster}", "TaskDefinition": "${RenderTask}",
                     "CapacityProviderStrategy": [{"CapacityProvider": "${Capacity}", "Weight": 1}],
                     "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": "{% $split('${Subnets}', ',') %}",
                       "SecurityGroups": ["${SecurityGroup}"], "AssignPublicIp": "ENABLED"}},
                     "Overrides": {"ContainerOverrides": [{"Name": "render", "Environment": [
                       {"Name": "TASK_TOKEN", "Value": "{% $states.context.Task.Token %}"}]}]}}}}}
                """);
        AppDescription app = new AppDescription(List.of(Bucket.of("media")), List.of(), List.of(), List.of(),
                List.of(new StateMachine("render", "statemachines/render.asl.json", StateMachine.Type.STANDARD, Map.of(
                        "Cluster", Ref.clusterArn(), "RenderTask", Ref.taskDefinitionArn("render"),
                        "Capacity", Ref.capacityProvider("render"), "Subnets", Ref.taskSubnets(),
                        "SecurityGroup", Ref.taskSecurityGroup())).withAccess(Access.run("render"))),
                List.of(),
                List.of(FargateTask.taskMain("render", Map.of("MEDIA_BUCKET", Ref.bucketName("media")), 2048, 8192)
                        .withSpot(true).withEphemeralStorage(50).withAccess(Access.read("media", "plans/"), Access.write("media", "movies/"))),
                List.of(), List.of());
        Artifacts real = Artifacts.of(Path.of(""));
        outdir = Files.createDirectories(Path.of("target/cdk-test")).resolve("fargate-" + System.nanoTime());
        App cdkApp = App.Builder.create().outdir(outdir.toString()).build();
        IchibyoStack stack = new IchibyoStack(cdkApp, "Fixture", StackProps.builder().build(), app,
                new Artifacts(repo, real.functionsJar(), real.ffmpegLayer(), real.tasksContext()));
        template = Template.fromStack(stack);
        resources = JSON.valueToTree(template.toJSON()).path("Resources");
    }

    private static List<JsonNode> ofType(String type) {
        List<JsonNode> out = new ArrayList<>();
        resources.forEach(r -> {
            if (type.equals(r.path("Type").asText())) {
                out.add(r);
            }
        });
        return out;
    }

    private static String logicalId(String type) {
        List<String> ids = new ArrayList<>();
        resources.fieldNames().forEachRemaining(id -> {
            // The server access log bucket aside: tests here mean the described one.
            if (type.equals(resources.path(id).path("Type").asText()) && !id.startsWith("accesslogs")) {
                ids.add(id);
            }
        });
        assertThat(ids).as(type).hasSize(1);
        return ids.getFirst();
    }

    /** The policy statements attached to the role {@code roleId}. */
    private static List<JsonNode> statements(String roleId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode policy : ofType("AWS::IAM::Policy")) {
            boolean attached = false;
            for (JsonNode role : policy.path("Properties").path("Roles")) {
                attached |= roleId.equals(role.path("Ref").asText());
            }
            if (attached) {
                policy.path("Properties").path("PolicyDocument").path("Statement").forEach(out::add);
            }
        }
        return out;
    }

    private static List<String> actions(JsonNode statement) {
        JsonNode a = statement.path("Action");
        List<String> out = new ArrayList<>();
        if (a.isArray()) {
            a.forEach(x -> out.add(x.asText()));
        } else {
            out.add(a.asText());
        }
        return out;
    }

    private static JsonNode statementWith(List<JsonNode> statements, String action) {
        return statements.stream().filter(s -> actions(s).contains(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement with " + action + " in " + statements));
    }

    private static String roleOf(String roleArnAttribute) {
        JsonNode definition = ofType("AWS::ECS::TaskDefinition").getFirst().path("Properties");
        return definition.path(roleArnAttribute).path("Fn::GetAtt").get(0).asText();
    }

    @Test
    void cluster_hasTheFargateAndFargateSpotCapacityProviders() {
        template.resourceCountIs("AWS::ECS::Cluster", 1);
        template.hasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations",
                Map.of("CapacityProviders", Match.arrayWith(List.of("FARGATE", "FARGATE_SPOT"))));
    }

    @Test
    void vpc_hasTwoPublicSubnets_noNatGateway_andTheTasksSecurityGroupHasNoIngress() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::EIP", 0);
        template.resourceCountIs("AWS::EC2::Subnet", 2);
        template.resourceCountIs("AWS::EC2::InternetGateway", 1);
        template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
        List<JsonNode> groups = ofType("AWS::EC2::SecurityGroup");
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.path("Properties").has("SecurityGroupIngress")).isFalse();
            assertThat(g.path("Properties").path("SecurityGroupEgress").toString()).contains("0.0.0.0/0");
        });
        // S3 through the free gateway endpoint.
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway"));
    }

    @Test
    void taskDefinition_isArm64_withItsCpuMemoryDiskContainerAndEnvironment() {
        String bucket = logicalId("AWS::S3::Bucket");
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Cpu", "2048", "Memory", "8192",
                "NetworkMode", "awsvpc",
                "RequiresCompatibilities", List.of("FARGATE"),
                "RuntimePlatform", Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"),
                "EphemeralStorage", Map.of("SizeInGiB", 50),
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Name", "render",
                        "Essential", true,
                        "Command", List.of("render"),
                        "Environment", List.of(Map.of("Name", "MEDIA_BUCKET", "Value", Map.of("Ref", bucket))),
                        "LogConfiguration", Match.objectLike(Map.of("LogDriver", "awslogs")))))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void image_isStagedFromTasks_withOnlyWhatItsDockerfileCopies_forArm64() throws IOException {
        String image = ofType("AWS::ECS::TaskDefinition").getFirst().path("Properties").path("ContainerDefinitions").get(0)
                .path("Image").toString();
        assertThat(image).contains("container-assets");
        JsonNode manifest = JSON.readTree(outdir.resolve("Fixture.assets.json").toFile());
        JsonNode docker = manifest.path("dockerImages").elements().next();
        assertThat(docker.path("source").path("platform").asText()).isEqualTo("linux/arm64");
        assertThat(docker.path("source").path("dockerBuildArgs").path("FFMPEG_ARCH").asText()).isEqualTo("arm64");
        Path staged = outdir.resolve(docker.path("source").path("directory").asText());
        List<String> files;
        try (Stream<Path> walk = Files.walk(staged)) {
            files = walk.filter(Files::isRegularFile).map(p -> staged.relativize(p).toString()).sorted().toList();
        }
        assertThat(files).contains("Dockerfile", "target/ffmpeg/arm64/bin/ffmpeg", "target/ffmpeg/arm64/bin/ffprobe",
                "target/ffmpeg/arm64/bin/heif-convert", "target/ichibyo-tasks.jar");
        // Only what the Dockerfile copies, for this architecture: nothing of x86_64, no classes or reports.
        assertThat(files).allMatch(f -> f.equals("Dockerfile") || f.equals("target/ichibyo-tasks.jar")
                || f.startsWith("target/ffmpeg/arm64/bin/") || f.startsWith("target/ffmpeg/arm64/heif/"));
    }

    @Test
    void stateMachine_getsTheClusterTaskNetworkAndCapacity_asSubstitutions() {
        String cluster = logicalId("AWS::ECS::Cluster");
        String definition = logicalId("AWS::ECS::TaskDefinition");
        JsonNode substitutions = ofType("AWS::StepFunctions::StateMachine").getFirst().path("Properties").path("DefinitionSubstitutions");
        assertThat(substitutions.path("Cluster")).isEqualTo(JSON.valueToTree(Map.of("Fn::GetAtt", List.of(cluster, "Arn"))));
        assertThat(substitutions.path("RenderTask")).isEqualTo(JSON.valueToTree(Map.of("Ref", definition)));
        assertThat(substitutions.path("Capacity").asText()).isEqualTo("FARGATE_SPOT");
        assertThat(substitutions.path("Subnets").path("Fn::Join").get(0).asText()).isEqualTo(",");
        assertThat(substitutions.path("Subnets").path("Fn::Join").get(1)).hasSize(2);
        assertThat(substitutions.path("SecurityGroup").path("Fn::GetAtt").get(1).asText()).isEqualTo("GroupId");
    }

    @Test
    void stateMachineRole_mayRunTheTaskInTheClusterOnly_passItsRoles_andManageTheSyncRule() {
        String machineRole = ofType("AWS::StepFunctions::StateMachine").getFirst().path("Properties").path("RoleArn")
                .path("Fn::GetAtt").get(0).asText();
        List<JsonNode> statements = statements(machineRole);
        String definition = logicalId("AWS::ECS::TaskDefinition");
        String cluster = logicalId("AWS::ECS::Cluster");

        JsonNode run = statementWith(statements, "ecs:RunTask");
        assertThat(run.path("Resource")).isEqualTo(JSON.valueToTree(Map.of("Ref", definition)));
        assertThat(run.path("Condition").path("ArnEquals").path("ecs:cluster"))
                .isEqualTo(JSON.valueToTree(Map.of("Fn::GetAtt", List.of(cluster, "Arn"))));
        assertThat(statementWith(statements, "ecs:StopTask").toString()).contains(":task/");

        JsonNode pass = statementWith(statements, "iam:PassRole");
        assertThat(pass.path("Resource").toString()).contains(roleOf("TaskRoleArn"), roleOf("ExecutionRoleArn"));
        assertThat(pass.path("Condition").path("StringEquals").path("iam:PassedToService").asText()).isEqualTo("ecs-tasks.amazonaws.com");

        assertThat(actions(statementWith(statements, "events:PutRule"))).contains("events:PutTargets", "events:DescribeRule");
        assertThat(statementWith(statements, "events:PutRule").toString()).contains("rule/StepFunctionsGetEventsForECSTaskRule");
    }

    @Test
    void taskRole_mayUseItsBucket_andAnswerItsStateMachinesTaskTokens() {
        List<JsonNode> statements = statements(roleOf("TaskRoleArn"));
        assertThat(actions(statementWith(statements, "states:SendTaskSuccess")))
                .containsExactlyInAnyOrder("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat");
        assertThat(statementWith(statements, "states:SendTaskSuccess").toString()).contains(":stateMachine:Fixture-render");
        assertThat(statementWith(statements, "s3:PutObject").toString()).contains(logicalId("AWS::S3::Bucket"));
        // The execution role pulls the image and writes the logs; it reads no data.
        List<JsonNode> execution = statements(roleOf("ExecutionRoleArn"));
        assertThat(execution.stream().flatMap(s -> actions(s).stream()))
                .contains("ecr:BatchGetImage", "logs:PutLogEvents").noneMatch(a -> a.startsWith("s3:") || a.startsWith("dynamodb:"));
    }

    @Test
    void noPolicy_grantsAWildcardActionOnData() {
        for (JsonNode policy : ofType("AWS::IAM::Policy")) {
            for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                assertThat(actions(statement)).as(statement.toString())
                        .doesNotContain("*", "s3:*", "dynamodb:*", "ecs:*", "states:*", "iam:*", "events:*");
            }
        }
    }
}
