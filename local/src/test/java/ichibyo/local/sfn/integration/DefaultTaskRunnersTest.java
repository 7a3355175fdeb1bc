package ichibyo.local.sfn.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.local.runtime.lambda.LambdaRegistry;
import ichibyo.local.services.EmbeddedS3;
import ichibyo.local.sfn.integration.aws.AwsServiceTaskRunner;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinition;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinitions;
import ichibyo.local.sfn.integration.ecs.EcsTaskRunner;
import ichibyo.local.sfn.integration.lambda.LambdaTaskRunner;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class DefaultTaskRunnersTest {
    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper

    @TempDir
    Path dir;

    private static TaskRequest task(String service, String action, IntegrationPattern pattern, String parameters) throws Exception {
        return new TaskRequest("arn:aws:states:::" + service + ":" + action, service, action, pattern, false,
                JSON.readTree(parameters), null, null, () -> { }, "us-east-1", "123456789012",
                "arn:aws:states:us-east-1:123456789012:execution:sm:run");
    }

    @Test
    void forService_findsTheRunnerOfEveryIntegrationAndNoneForOthers() {
        try (DefaultTaskRunners runners = DefaultTaskRunners.builder().build()) {
            assertThat(runners.forService("lambda")).containsInstanceOf(LambdaTaskRunner.class);
            assertThat(runners.forService("ecs")).containsInstanceOf(EcsTaskRunner.class);
            for (String service : List.of("s3", "dynamodb", "sqs", "sns", "events", "aws-sdk:s3", "aws-sdk:dynamodb",
                    "aws-sdk:sqs", "aws-sdk:sns", "aws-sdk:eventbridge")) {
                assertThat(runners.forService(service)).as(service).containsInstanceOf(AwsServiceTaskRunner.class);
            }
            assertThat(runners.forService("glue")).isEmpty();
            assertThat(runners.forService("aws-sdk:ec2")).isEmpty();
            assertThat(runners.forService("aws-sdk:events")).isEmpty();
        }
    }

    @Test
    void ecsTasks_getTheConfiguredEndpointsAsStandardSdkEnvironment() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.inMemory();
                DefaultTaskRunners runners = DefaultTaskRunners.builder()
                        .ecsTaskDefinitions(new EcsTaskDefinitions().register(EcsTaskDefinition.of("env",
                                List.of("sh", "-c", "echo $AWS_ENDPOINT_URL_S3 > endpoint.txt"), Map.of()).withWorkingDir(dir)))
                        .ecsLogDirectory(dir.resolve("logs"))
                        .endpoints(Map.of("s3", s3.endpoint()))
                        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                        .build()) {
            runners.forService("ecs").orElseThrow()
                    .run(task("ecs", "runTask", IntegrationPattern.RUN_JOB, "{\"TaskDefinition\":\"env\"}"));

            assertThat(Files.readString(dir.resolve("endpoint.txt")).strip()).isEqualTo(s3.endpoint().toString());

            runners.forService("aws-sdk:s3").orElseThrow()
                    .run(task("aws-sdk:s3", "createBucket", IntegrationPattern.REQUEST_RESPONSE, "{\"Bucket\":\"bkt\"}"));
            JsonNode buckets = runners.forService("aws-sdk:s3").orElseThrow()
                    .run(task("aws-sdk:s3", "listBuckets", IntegrationPattern.REQUEST_RESPONSE, "{}"));
            assertThat(buckets.findValuesAsText("Name")).containsExactly("bkt");
        }
    }

    @Test
    void lambda_runsRegisteredHandlers() throws Exception {
        try (DefaultTaskRunners runners = DefaultTaskRunners.builder()
                .lambdas(new LambdaRegistry().register("echo", EchoHandler.class.getName()))
                .lambdaLogs(line -> { })
                .build()) {
            JsonNode result = runners.forService("lambda").orElseThrow().run(task("lambda", "invoke",
                    IntegrationPattern.REQUEST_RESPONSE, "{\"FunctionName\":\"echo\",\"Payload\":{\"a\":1}}"));

            assertThat(result.get("Payload")).isEqualTo(JSON.readTree("{\"a\":1}"));
        }
    }

    public static final class EchoHandler implements com.amazonaws.services.lambda.runtime.RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, com.amazonaws.services.lambda.runtime.Context context) {
            return input;
        }
    }
}
