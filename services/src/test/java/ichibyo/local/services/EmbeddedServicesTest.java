package ichibyo.local.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
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

class EmbeddedServicesTest {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    static S3Client s3(URI endpoint) {
        return s3(endpoint, CREDENTIALS);
    }

    static S3Client s3(URI endpoint, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.EU_WEST_1).credentialsProvider(credentials)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void startAll_servesS3SqsAndDynamoDbOnLoopback() {
        long start = System.nanoTime();
        try (EmbeddedServices services = EmbeddedServices.start(null, "eu-west-1", "123456789012")) {
            System.out.printf("EmbeddedServices.start (in memory): %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(services.endpoints().values()).allSatisfy(uri -> assertThat(uri.getHost()).isEqualTo("127.0.0.1"));

            try (S3Client s3 = s3(services.s3().endpoint())) {
                s3.createBucket(b -> b.bucket("media"));
                s3.putObject(b -> b.bucket("media").key("a/b.txt"), RequestBody.fromString("hello"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key("a/b.txt")).asUtf8String()).isEqualTo("hello");
            }
            try (SqsClient sqs = SqsClient.builder().endpointOverride(services.sqs().endpoint()).region(Region.EU_WEST_1)
                    .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
                String url = sqs.createQueue(b -> b.queueName("events")).queueUrl();
                assertThat(url).isEqualTo(services.sqs().endpoint() + "/123456789012/events");
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("m1"));
                assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).extracting(m -> m.body()).containsExactly("m1");
            }
            try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(services.dynamoDb().endpoint())
                    .region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
                ddb.createTable(b -> b.tableName("catalog").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
                ddb.putItem(b -> b.tableName("catalog").item(java.util.Map.of("id", AttributeValue.fromS("x"))));
                assertThat(ddb.getItem(b -> b.tableName("catalog").key(java.util.Map.of("id", AttributeValue.fromS("x")))).item())
                        .containsKey("id");
            }
        }
    }

    @Test
    void filesystemBackedServices_keepObjectsAndItemsAcrossARestart(@TempDir Path dir) {
        try (EmbeddedServices services = EmbeddedServices.start(dir, "eu-west-1", "123456789012");
                S3Client s3 = s3(services.s3().endpoint());
                DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(services.dynamoDb().endpoint())
                        .region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            s3.createBucket(b -> b.bucket("media"));
            s3.putObject(b -> b.bucket("media").key("kept.txt").contentType("text/plain").metadata(java.util.Map.of("family", "f1")),
                    RequestBody.fromString("still here"));
            ddb.createTable(b -> b.tableName("kept").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
            ddb.putItem(b -> b.tableName("kept").item(java.util.Map.of("id", AttributeValue.fromS("k"))));
        }
        long start = System.nanoTime();
        try (EmbeddedServices services = EmbeddedServices.start(dir, "eu-west-1", "123456789012");
                S3Client s3 = s3(services.s3().endpoint());
                DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(services.dynamoDb().endpoint())
                        .region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            System.out.printf("EmbeddedServices.start (restart on a data directory): %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key("kept.txt")).asUtf8String()).isEqualTo("still here");
            var head = s3.headObject(b -> b.bucket("media").key("kept.txt"));
            assertThat(head.contentType()).isEqualTo("text/plain");
            assertThat(head.metadata()).containsEntry("family", "f1");
            assertThat(ddb.getItem(b -> b.tableName("kept").key(java.util.Map.of("id", AttributeValue.fromS("k")))).item())
                    .containsKey("id");
        }
    }
}
