package ichibyo.local.sfn.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.runtime.lambda.LambdaRegistry;
import ichibyo.local.services.EmbeddedServices;
import ichibyo.local.sfn.integration.aws.AwsClients;
import ichibyo.local.sfn.integration.aws.S3ObjectStore;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinition;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinitions;
import ichibyo.sfn.backend.StepFunctionsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The task integrations driven by the emulator's interpreter, against the embedded services. */
class TaskIntegrationsThroughEmulatorTest {
    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper
    private static final String REGION = StepFunctionsService.REGION;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    @TempDir
    static Path dir;

    private static EmbeddedServices services;
    private static DefaultTaskRunners runners;
    private static AwsClients storeClients;
    private static StepFunctionsService sfn;
    private static S3Client s3;
    private static SqsClient sqs;
    private static DynamoDbClient ddb;
    private static String queueUrl;

    public static final class Scorer implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            return Map.of("score", 0.9, "familyId", input.get("familyId"));
        }
    }

    public static final class Doubler implements RequestHandler<Map<String, Object>, Integer> {
        @Override
        public Integer handleRequest(Map<String, Object> input, Context context) {
            return ((Number) input.get("n")).intValue() * 2;
        }
    }

    @BeforeAll
    static void start() {
        services = EmbeddedServices.start(null, REGION, StepFunctionsService.ACCOUNT);
        runners = DefaultTaskRunners.builder()
                .lambdas(new LambdaRegistry()
                        .register("scorer", Scorer.class.getName())
                        .register("doubler", Doubler.class.getName()))
                .ecsTaskDefinitions(new EcsTaskDefinitions().register(EcsTaskDefinition.of("render",
                        List.of("sh", "-c", "echo rendered $FAMILY > rendered-$FAMILY.txt"), Map.of()).withWorkingDir(dir)))
                .ecsLogDirectory(dir.resolve("logs"))
                .endpoints(services.endpoints())
                .credentials(CREDENTIALS)
                .lambdaLogs(line -> { })
                .build();
        storeClients = new AwsClients(services.endpoints(), CREDENTIALS);
        sfn = new StepFunctionsService(runners, S3ObjectStore.of(storeClients, REGION));
        s3 = S3Client.builder().endpointOverride(services.s3().endpoint()).region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(services.sqs().endpoint()).region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        ddb = DynamoDbClient.builder().endpointOverride(services.dynamoDb().endpoint()).region(Region.of(REGION))
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket(b -> b.bucket("media"));
        queueUrl = sqs.createQueue(b -> b.queueName("delivered")).queueUrl();
        ddb.createTable(b -> b.tableName("deliveries").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    }

    @AfterAll
    static void stop() {
        sfn.close();
        s3.close();
        sqs.close();
        ddb.close();
        storeClients.close();
        runners.close();
        services.close();
    }

    private static JsonNode run(String name, String definition, String input) throws Exception {
        ObjectNode create = JSON.createObjectNode().put("name", name).put("definition", definition)
                .put("roleArn", "arn:aws:iam::" + StepFunctionsService.ACCOUNT + ":role/sfn");
        String machine = sfn.handle("CreateStateMachine", create).get("stateMachineArn").asText();
        String execution = sfn.handle("StartExecution", JSON.createObjectNode().put("stateMachineArn", machine).put("input", input))
                .get("executionArn").asText();
        while (true) {
            JsonNode described = sfn.handle("DescribeExecution", JSON.createObjectNode().put("executionArn", execution));
            if (!"RUNNING".equals(described.get("status").asText())) {
                return described;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void deliveryFlow_runsLambdaDynamoDbEcsAndSqsAndCatchesTheConditionFailureOfADuplicate() throws Exception {
        String definition = """
                {"StartAt":"Score","States":{
                  "Score":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "Parameters":{"FunctionName":"scorer","Payload.$":"$"},
                    "ResultSelector":{"score.$":"$.Payload.score"},"ResultPath":"$.scored","Next":"Record"},
                  "Record":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                    "Parameters":{"TableName":"deliveries","Item":{"id":{"S.$":"$.familyId"}},
                      "ConditionExpression":"attribute_not_exists(id)"},
                    "ResultPath":null,
                    "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.error","Next":"AlreadyDelivered"}],
                    "Next":"Render"},
                  "Render":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
                    "Parameters":{"TaskDefinition":"render","LaunchType":"FARGATE",
                      "Overrides":{"ContainerOverrides":[{"Name":"render","Environment":[{"Name":"FAMILY","Value.$":"$.familyId"}]}]}},
                    "ResultSelector":{"exitCode.$":"$.Containers[0].ExitCode","status.$":"$.LastStatus"},
                    "ResultPath":"$.render","Next":"Notify"},
                  "Notify":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                    "Parameters":{"QueueUrl":"%s","MessageBody.$":"$"},"ResultPath":null,"End":true},
                  "AlreadyDelivered":{"Type":"Pass","End":true}}}""".formatted(queueUrl);

        JsonNode first = run("delivery", definition, "{\"familyId\":\"f7\"}");

        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(first.get("output").asText())).isEqualTo(JSON.readTree(
                "{\"familyId\":\"f7\",\"scored\":{\"score\":0.9},\"render\":{\"exitCode\":0,\"status\":\"STOPPED\"}}"));
        assertThat(ddb.getItem(b -> b.tableName("deliveries").key(Map.of("id", AttributeValue.fromS("f7")))).hasItem()).isTrue();
        assertThat(Files.readString(dir.resolve("rendered-f7.txt")).strip()).isEqualTo("rendered f7");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages()).extracting(m -> JSON.readTree(m.body()).get("familyId").asText())
                .containsExactly("f7");

        JsonNode duplicate = run("delivery-again", definition, "{\"familyId\":\"f7\"}");

        assertThat(duplicate.get("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode output = JSON.readTree(duplicate.get("output").asText());
        assertThat(output.at("/error/Error").asText()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(output.has("render")).isFalse();
    }

    @Test
    void distributedMap_readsItsItemsFromS3AndRunsALambdaPerItem() throws Exception {
        s3.putObject(b -> b.bucket("media").key("manifests/items.json"), RequestBody.fromString("[{\"n\":1},{\"n\":2},{\"n\":3}]"));
        String definition = """
                {"StartAt":"Each","States":{"Each":{"Type":"Map",
                  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
                    "Parameters":{"Bucket":"media","Key":"manifests/items.json"}},
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"Double","States":{"Double":{"Type":"Task",
                      "Resource":"arn:aws:lambda:us-east-1:123456789012:function:doubler","End":true}}},
                  "End":true}}}""";

        JsonNode execution = run("doubles", definition, "{}");

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(execution.get("output").asText())).isEqualTo(JSON.readTree("[2,4,6]"));
    }
}
