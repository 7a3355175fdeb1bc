package ichibyo.local.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedSqsTest {

    private static SqsClient client(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void aDurableQueue_keepsItsAttributesAndMessages_waitingAndInFlight_acrossARestart(@TempDir Path dir) {
        String url;
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dir, 0, "us-east-1", "000000000000"); SqsClient client = client(sqs.endpoint())) {
            url = client.createQueue(r -> r.queueName("work").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
            client.sendMessage(r -> r.queueUrl(client.getQueueUrl(q -> q.queueName("work")).queueUrl()).messageBody("in flight"));
            assertThat(client.receiveMessage(r -> r.queueUrl(client.getQueueUrl(q -> q.queueName("work")).queueUrl())).messages())
                    .extracting(m -> m.body()).containsExactly("in flight");
            client.sendMessage(r -> r.queueUrl(client.getQueueUrl(q -> q.queueName("work")).queueUrl()).messageBody("waiting"));
        }
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dir, 0, "us-east-1", "000000000000"); SqsClient client = client(sqs.endpoint())) {
            String again = client.getQueueUrl(q -> q.queueName("work")).queueUrl();
            assertThat(client.getQueueAttributes(r -> r.queueUrl(again).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .attributes()).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
            java.util.Set<String> bodies = new java.util.TreeSet<>();
            // The received message comes back once its visibility timeout (1 s) is over.
            for (int i = 0; i < 10 && bodies.size() < 2; i++) {
                client.receiveMessage(r -> r.queueUrl(again).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                        .forEach(m -> bodies.add(m.body()));
            }
            assertThat(bodies).containsExactly("in flight", "waiting");
        }
    }

    @Test
    void anotherDataDirectory_startsEmpty_andTwoDurableServersAtOnceAreRefused(@TempDir Path first, @TempDir Path second) {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(first, 0, "us-east-1", "000000000000"); SqsClient client = client(sqs.endpoint())) {
            client.createQueue(r -> r.queueName("only-in-first"));
            assertThatThrownBy(() -> EmbeddedSqs.start(second, 0, "us-east-1", "000000000000"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("durable SQS already runs");
        }
        try (EmbeddedSqs sqs = EmbeddedSqs.start(second, 0, "us-east-1", "000000000000"); SqsClient client = client(sqs.endpoint())) {
            assertThat(client.listQueues().queueUrls()).isEmpty();
        }
    }
}
