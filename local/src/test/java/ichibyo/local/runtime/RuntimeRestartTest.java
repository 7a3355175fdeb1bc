package ichibyo.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.Queue;
import ichibyo.app.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RuntimeRestartTest {

    @TempDir
    Path data;

    static final AppDescription APP = new AppDescription(List.of(Bucket.of("keep")),
            List.of(new Table("kept", Table.Key.string("pk"), null, List.of(), null)),
            List.of(new Queue("work", java.time.Duration.ofSeconds(30), java.time.Duration.ofDays(1), null)), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    @Test
    void restartOnTheSameDataDirectory_keepsObjectsItemsAndQueuedMessages_whenDurable() {
        RuntimeOptions options = new RuntimeOptions(APP, data, true, data, 0, 0, 0, 0, 0, 0);
        try (LocalRuntime first = LocalRuntime.start(options)) {
            first.s3().putObject(r -> r.bucket("keep").key("originals/f1/m1.jpg"), RequestBody.fromString("photo"));
            first.dynamoDb().putItem(r -> r.tableName("kept").item(Map.of("pk", AttributeValue.fromS("f1"), "n", AttributeValue.fromN("7"))));
            first.sqs().sendMessage(r -> r.queueUrl(first.names().queueUrl("work")).messageBody("still to do"));
        }
        try (LocalRuntime second = LocalRuntime.start(options)) {
            assertThat(second.s3().getObjectAsBytes(r -> r.bucket("keep").key("originals/f1/m1.jpg")).asUtf8String()).isEqualTo("photo");
            assertThat(second.dynamoDb().getItem(r -> r.tableName("kept").key(Map.of("pk", AttributeValue.fromS("f1")))).item())
                    .containsEntry("n", AttributeValue.fromN("7"));
            assertThat(second.sqs().receiveMessage(r -> r.queueUrl(second.names().queueUrl("work")).waitTimeSeconds(1)).messages())
                    .extracting(m -> m.body()).containsExactly("still to do");
        }
    }

    @Test
    void restartInMemory_keepsObjects_butStartsWithEmptyTablesAndQueues() {
        RuntimeOptions options = new RuntimeOptions(APP, data, false, data, 0, 0, 0, 0, 0, 0);
        try (LocalRuntime first = LocalRuntime.start(options)) {
            first.s3().putObject(r -> r.bucket("keep").key("a"), RequestBody.fromString("kept"));
            first.dynamoDb().putItem(r -> r.tableName("kept").item(Map.of("pk", AttributeValue.fromS("f1"))));
            first.sqs().sendMessage(r -> r.queueUrl(first.names().queueUrl("work")).messageBody("lost"));
        }
        try (LocalRuntime second = LocalRuntime.start(options)) {
            assertThat(second.s3().getObjectAsBytes(r -> r.bucket("keep").key("a")).asUtf8String()).isEqualTo("kept");
            assertThat(second.dynamoDb().scan(r -> r.tableName("kept")).count()).isZero();
            assertThat(second.sqs().receiveMessage(r -> r.queueUrl(second.names().queueUrl("work")).waitTimeSeconds(1)).messages()).isEmpty();
        }
    }
}
