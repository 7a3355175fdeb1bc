package ichibyo.local.sfn.integration.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.local.services.EmbeddedDynamoDb;
import ichibyo.local.services.EmbeddedEventBridge;
import ichibyo.local.services.EmbeddedS3;
import ichibyo.local.services.EmbeddedSns;
import ichibyo.local.services.EmbeddedSqs;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import software.amazon.awssdk.services.sqs.model.Message;

class AwsServiceTaskRunnerTest {
    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    private static final String REGION = "eu-west-1";
    private static final String ACCOUNT = "123456789012";

    private static EmbeddedS3 s3Server;
    private static EmbeddedSqs sqsServer;
    private static EmbeddedDynamoDb ddbServer;
    private static EmbeddedSns snsServer;
    private static EmbeddedEventBridge eventsServer;
    private static String topicArn;
    private static AwsClients clients;
    private static S3Client s3;
    private static SqsClient sqs;
    private static DynamoDbClient ddb;
    private static String queueUrl;
    private static AwsServiceTaskRunner runner;

    @BeforeAll
    static void startServices() {
        s3Server = EmbeddedS3.inMemory();
        sqsServer = EmbeddedSqs.start(0, REGION, ACCOUNT);
        ddbServer = EmbeddedDynamoDb.inMemory();
        snsServer = EmbeddedSns.start(0, REGION, ACCOUNT);
        eventsServer = EmbeddedEventBridge.start(0, REGION, ACCOUNT);
        topicArn = snsServer.createTopic("alerts");
        Map<String, URI> endpoints = Map.of("s3", s3Server.endpoint(), "sqs", sqsServer.endpoint(), "dynamodb", ddbServer.endpoint(),
                "sns", snsServer.endpoint(), "eventbridge", eventsServer.endpoint());
        clients = new AwsClients(endpoints, CREDENTIALS);
        runner = new AwsServiceTaskRunner(clients);
        s3 = S3Client.builder().endpointOverride(s3Server.endpoint()).region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(sqsServer.endpoint()).region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        ddb = DynamoDbClient.builder().endpointOverride(ddbServer.endpoint()).region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket(b -> b.bucket("media"));
        queueUrl = sqs.createQueue(b -> b.queueName("deliveries")).queueUrl();
        ddb.createTable(b -> b.tableName("catalog").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    }

    @AfterAll
    static void stopServices() {
        s3.close();
        sqs.close();
        ddb.close();
        clients.close();
        s3Server.close();
        sqsServer.close();
        ddbServer.close();
        snsServer.close();
        eventsServer.close();
    }

    private static TaskRequest task(String service, String action, String parameters) throws Exception {
        String resource = "arn:aws:states:::" + service + ":" + action;
        return new TaskRequest(resource, service, action, IntegrationPattern.REQUEST_RESPONSE, false, JSON.readTree(parameters),
                null, null, () -> { }, REGION, ACCOUNT, "arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:sm:run");
    }

    private static TaskFailedException failure(TaskRequest request) {
        return catchThrowableOfType(TaskFailedException.class, () -> runner.run(request));
    }

    // S3

    @Test
    void sdkS3PutObject_writesTheObjectAndGetObjectReturnsItsBodyAsString() throws Exception {
        JsonNode put = runner.run(task("aws-sdk:s3", "putObject",
                "{\"Bucket\":\"media\",\"Key\":\"plans/f1.json\",\"Body\":{\"family\":\"f1\"},\"ContentType\":\"application/json\"}"));
        JsonNode get = runner.run(task("aws-sdk:s3", "getObject", "{\"Bucket\":\"media\",\"Key\":\"plans/f1.json\"}"));

        assertThat(put.get("ETag").asText()).isNotEmpty();
        assertThat(put.has("SdkHttpMetadata")).isFalse();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key("plans/f1.json")).asUtf8String()).isEqualTo("{\"family\":\"f1\"}");
        assertThat(get.get("Body").asText()).isEqualTo("{\"family\":\"f1\"}");
        assertThat(get.get("ContentLength").asLong()).isEqualTo(15);
        assertThat(get.get("ContentType").asText()).isEqualTo("application/json");
        assertThat(get.get("ETag").asText()).isEqualTo(put.get("ETag").asText());
        assertThat(get.get("LastModified").asText()).isNotEmpty();
    }

    @Test
    void optimizedS3GetObject_returnsTheBodyWithResponseMetadata() throws Exception {
        s3.putObject(b -> b.bucket("media").key("notes.txt"), RequestBody.fromString("first light"));

        JsonNode get = runner.run(task("s3", "getObject", "{\"Bucket\":\"media\",\"Key\":\"notes.txt\"}"));

        assertThat(get.get("Body").asText()).isEqualTo("first light");
        assertThat(get.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
    }

    @Test
    void s3GetObjectOfAMissingKey_failsWithNoSuchKey() throws Exception {
        TaskFailedException sdk = failure(task("aws-sdk:s3", "getObject", "{\"Bucket\":\"media\",\"Key\":\"nothing\"}"));
        TaskFailedException optimized = failure(task("s3", "getObject", "{\"Bucket\":\"media\",\"Key\":\"nothing\"}"));

        assertThat(sdk.error()).isEqualTo("S3.NoSuchKeyException");
        assertThat(sdk.cause()).contains("(Service: S3, Status Code: 404");
        assertThat(optimized.error()).isEqualTo("S3.NoSuchKeyException");
        assertThat(optimized.cause()).contains("Status Code: 404; Error Code: NoSuchKey");
    }

    @Test
    void sdkS3AnyAction_isMappedGenerically() throws Exception {
        s3.putObject(b -> b.bucket("media").key("originals/f9/a.jpg"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket("media").key("originals/f9/b.jpg"), RequestBody.fromString("bb"));

        JsonNode listed = runner.run(task("aws-sdk:s3", "listObjectsV2", "{\"Bucket\":\"media\",\"Prefix\":\"originals/f9/\"}"));

        assertThat(listed.get("KeyCount").asInt()).isEqualTo(2);
        assertThat(listed.findValuesAsText("Key")).containsExactly("originals/f9/a.jpg", "originals/f9/b.jpg");
        assertThat(listed.at("/Contents/1/Size").asLong()).isEqualTo(2);
    }

    // DynamoDB

    @Test
    void optimizedDynamoDbPutThenGet_storesTheItemAndReturnsItWithResponseMetadata() throws Exception {
        JsonNode put = runner.run(task("dynamodb", "putItem", """
                {"TableName":"catalog","Item":{"id":{"S":"m-1"},"score":{"N":"0.75"},"tags":{"SS":["face","sharp"]},
                 "meta":{"M":{"w":{"N":"1920"}}},"ok":{"BOOL":true}}}"""));
        JsonNode get = runner.run(task("dynamodb", "getItem", "{\"TableName\":\"catalog\",\"Key\":{\"id\":{\"S\":\"m-1\"}}}"));

        assertThat(put.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(put.at("/SdkResponseMetadata/RequestId").asText()).isNotEmpty();
        assertThat(get.get("Item")).isEqualTo(JSON.readTree("""
                {"id":{"S":"m-1"},"score":{"N":"0.75"},"tags":{"SS":["face","sharp"]},"meta":{"M":{"w":{"N":"1920"}}},"ok":{"BOOL":true}}"""));
        assertThat(ddb.getItem(b -> b.tableName("catalog").key(Map.of("id", AttributeValue.fromS("m-1")))).item().get("score").n())
                .isEqualTo("0.75");
    }

    @Test
    void dynamoDbUpdateItem_returnsTheNewAttributes() throws Exception {
        ddb.putItem(b -> b.tableName("catalog").item(Map.of("id", AttributeValue.fromS("m-2"), "count", AttributeValue.fromN("1"))));

        JsonNode updated = runner.run(task("aws-sdk:dynamodb", "updateItem", """
                {"TableName":"catalog","Key":{"id":{"S":"m-2"}},"UpdateExpression":"SET #c = #c + :one",
                 "ExpressionAttributeNames":{"#c":"count"},"ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"ALL_NEW"}"""));

        assertThat(updated.at("/Attributes/count/N").asText()).isEqualTo("2");
        assertThat(ddb.getItem(b -> b.tableName("catalog").key(Map.of("id", AttributeValue.fromS("m-2")))).item().get("count").n())
                .isEqualTo("2");
    }

    @Test
    void dynamoDbConditionFailure_isNamedAsEachIntegrationNamesIt() throws Exception {
        ddb.putItem(b -> b.tableName("catalog").item(Map.of("id", AttributeValue.fromS("delivered-f1"))));
        String put = "{\"TableName\":\"catalog\",\"Item\":{\"id\":{\"S\":\"delivered-f1\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(id)\"}";

        TaskFailedException optimized = failure(task("dynamodb", "putItem", put));
        TaskFailedException sdk = failure(task("aws-sdk:dynamodb", "putItem", put));
        TaskFailedException update = failure(task("dynamodb", "updateItem", """
                {"TableName":"catalog","Key":{"id":{"S":"delivered-f1"}},"UpdateExpression":"SET v = :v",
                 "ConditionExpression":"attribute_exists(v)","ExpressionAttributeValues":{":v":{"N":"1"}}}"""));

        assertThat(optimized.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(optimized.cause()).contains("(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException;");
        assertThat(sdk.error()).isEqualTo("DynamoDb.ConditionalCheckFailedException");
        assertThat(sdk.cause()).contains("Service: DynamoDb, Status Code: 400");
        assertThat(update.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
    }

    @Test
    void dynamoDbDeleteItem_removesTheItem() throws Exception {
        ddb.putItem(b -> b.tableName("catalog").item(Map.of("id", AttributeValue.fromS("gone"))));

        runner.run(task("dynamodb", "deleteItem", "{\"TableName\":\"catalog\",\"Key\":{\"id\":{\"S\":\"gone\"}}}"));

        assertThat(ddb.getItem(b -> b.tableName("catalog").key(Map.of("id", AttributeValue.fromS("gone")))).hasItem()).isFalse();
    }

    @Test
    void dynamoDbMissingTable_failsWithResourceNotFound() throws Exception {
        TaskFailedException e = failure(task("dynamodb", "getItem", "{\"TableName\":\"nope\",\"Key\":{\"id\":{\"S\":\"x\"}}}"));

        assertThat(e.error()).isEqualTo("DynamoDB.ResourceNotFoundException");
    }

    // SQS

    @Test
    void optimizedSqsSendMessage_sendsAJsonBodyAsTextAndReturnsTheMessageId() throws Exception {
        JsonNode sent = runner.run(task("sqs", "sendMessage",
                "{\"QueueUrl\":\"" + queueUrl + "\",\"MessageBody\":{\"familyId\":\"f1\",\"edition\":\"monthly\"}}"));

        Message received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages().getFirst();
        assertThat(received.body()).isEqualTo("{\"familyId\":\"f1\",\"edition\":\"monthly\"}");
        assertThat(sent.get("MessageId").asText()).isEqualTo(received.messageId());
        assertThat(sent.get("MD5OfMessageBody").asText()).isEqualTo(received.md5OfBody());
        assertThat(sent.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(received.receiptHandle()));
    }

    @Test
    void sdkSqsSendMessage_withAttributes() throws Exception {
        JsonNode sent = runner.run(task("aws-sdk:sqs", "sendMessage", "{\"QueueUrl\":\"" + queueUrl + "\",\"MessageBody\":\"plain\","
                + "\"MessageAttributes\":{\"kind\":{\"DataType\":\"String\",\"StringValue\":\"render\"}}}"));

        Message received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).messageAttributeNames("All")).messages().getFirst();
        assertThat(received.body()).isEqualTo("plain");
        assertThat(received.messageAttributes().get("kind").stringValue()).isEqualTo("render");
        assertThat(sent.get("MessageId").asText()).isEqualTo(received.messageId());
        assertThat(sent.has("SdkHttpMetadata")).isFalse();
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(received.receiptHandle()));
    }

    @Test
    void sqsMissingQueue_failsWithQueueDoesNotExist() throws Exception {
        TaskFailedException sdk = failure(task("aws-sdk:sqs", "getQueueUrl", "{\"QueueName\":\"no-such-queue\"}"));
        TaskFailedException optimized = failure(task("sqs", "sendMessage",
                "{\"QueueUrl\":\"" + sqsServer.endpoint() + "/" + ACCOUNT + "/no-such-queue\",\"MessageBody\":\"x\"}"));

        assertThat(sdk.error()).isEqualTo("Sqs.QueueDoesNotExistException");
        assertThat(optimized.error()).isEqualTo("SQS.QueueDoesNotExistException");
    }

    // SNS and EventBridge

    @Test
    void optimizedSnsPublish_publishesAJsonMessageAsText() throws Exception {
        JsonNode published = runner.run(task("sns", "publish", "{\"TopicArn\":\"" + topicArn + "\",\"Subject\":\"encode failed\","
                + "\"Message\":{\"contentId\":\"c1\"},\"MessageAttributes\":{\"severity\":{\"DataType\":\"String\",\"StringValue\":\"high\"}}}"));

        EmbeddedSns.PublishedMessage message = snsServer.messages().getLast();
        assertThat(published.get("MessageId").asText()).isEqualTo(message.messageId());
        assertThat(published.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(message.message()).isEqualTo("{\"contentId\":\"c1\"}");
        assertThat(message.subject()).isEqualTo("encode failed");
        assertThat(message.messageAttributes()).containsEntry("severity", "high");
    }

    @Test
    void snsPublishToAMissingTopic_failsWithNotFound() throws Exception {
        String missing = "{\"TopicArn\":\"arn:aws:sns:" + REGION + ":" + ACCOUNT + ":nope\",\"Message\":\"x\"}";

        assertThat(failure(task("sns", "publish", missing)).error()).isEqualTo("SNS.NotFoundException");
        assertThat(failure(task("aws-sdk:sns", "publish", missing)).error()).isEqualTo("Sns.NotFoundException");
    }

    @Test
    void putEvents_recordsTheEventsWithTheirDetail() throws Exception {
        JsonNode optimized = runner.run(task("events", "putEvents", """
                {"Entries":[{"Source":"ichibyo.delivery","DetailType":"MovieDelivered","Detail":{"familyId":"f1","edition":"monthly"}}]}"""));
        JsonNode sdk = runner.run(task("aws-sdk:eventbridge", "putEvents", """
                {"Entries":[{"Source":"ichibyo.delivery","DetailType":"MovieDelivered","Detail":"{\\"familyId\\":\\"f2\\"}","EventBusName":"media"}]}"""));

        assertThat(optimized.get("FailedEntryCount").asInt()).isZero();
        assertThat(optimized.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(sdk.at("/Entries/0/EventId").asText()).isNotEmpty();
        List<JsonNode> events = eventsServer.events();
        JsonNode first = events.get(events.size() - 2);
        assertThat(first.get("id").asText()).isEqualTo(optimized.at("/Entries/0/EventId").asText());
        assertThat(first.get("detail-type").asText()).isEqualTo("MovieDelivered");
        assertThat(first.get("source").asText()).isEqualTo("ichibyo.delivery");
        assertThat(first.get("account").asText()).isEqualTo(ACCOUNT);
        assertThat(first.get("detail")).isEqualTo(JSON.readTree("{\"familyId\":\"f1\",\"edition\":\"monthly\"}"));
        assertThat(events.getLast().at("/detail/familyId").asText()).isEqualTo("f2");
        assertThat(events.getLast().get("event-bus-name").asText()).isEqualTo("media");
    }

    // Configuration

    @Test
    void withoutAnExplicitEndpoint_theSdksStandardConfigurationIsUsed() throws Exception {
        s3.putObject(b -> b.bucket("media").key("standard.txt"), RequestBody.fromString("via aws.endpointUrlS3"));
        System.setProperty("aws.endpointUrlS3", s3Server.endpoint().toString());
        try (AwsClients standard = new AwsClients(Map.of(), CREDENTIALS)) {
            JsonNode get = new AwsServiceTaskRunner(standard)
                    .run(task("aws-sdk:s3", "getObject", "{\"Bucket\":\"media\",\"Key\":\"standard.txt\"}"));

            assertThat(get.get("Body").asText()).isEqualTo("via aws.endpointUrlS3");
        } finally {
            System.clearProperty("aws.endpointUrlS3");
        }
    }

    // Validation

    @Test
    void unknownParameter_failsBeforeCallingTheService() throws Exception {
        TaskFailedException e = failure(task("dynamodb", "getItem", "{\"TableName\":\"catalog\",\"Keys\":{}}"));

        assertThat(e.error()).isEqualTo("States.Runtime");
        assertThat(e.cause()).contains("'Keys'");
    }

    @Test
    void sdkSideValidationFailure_failsTheTaskWithSdkClientException() throws Exception {
        TaskFailedException e = failure(task("aws-sdk:s3", "createBucket", "{\"Bucket\":\"b\"}"));

        assertThat(e.error()).isEqualTo("S3.SdkClientException");
        assertThat(e.cause()).contains("Bucket name");
    }

    @Test
    void unsupportedOptimizedAction_fails() throws Exception {
        TaskFailedException e = failure(task("dynamodb", "scan", "{\"TableName\":\"catalog\"}"));

        assertThat(e.error()).isEqualTo("States.Runtime");
    }
}
