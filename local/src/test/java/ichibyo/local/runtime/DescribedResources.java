package ichibyo.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.Queue;
import ichibyo.app.StateMachine;
import ichibyo.app.Table;

/**
 * The resources a runtime serves are exactly those its description lists: nothing missing, nothing
 * extra. (The CDK app's test will hold its template to the same description.)
 */
public final class DescribedResources {

    private DescribedResources() {}

    public static void assertCreated(LocalRuntime runtime) {
        AppDescription app = runtime.app();
        assertThat(runtime.s3().listBuckets().buckets()).extracting(b -> b.name())
                .containsExactlyInAnyOrderElementsOf(app.buckets().stream().map(Bucket::name).toList());
        assertThat(runtime.dynamoDb().listTables().tableNames())
                .containsExactlyInAnyOrderElementsOf(app.tables().stream().map(Table::name).toList());
        for (Table t : app.tables()) {
            var described = runtime.dynamoDb().describeTable(r -> r.tableName(t.name())).table();
            assertThat(described.keySchema()).extracting(k -> k.attributeName())
                    .containsExactlyElementsOf(t.sortKey() == null ? java.util.List.of(t.partitionKey().name())
                            : java.util.List.of(t.partitionKey().name(), t.sortKey().name()));
            assertThat(described.globalSecondaryIndexes()).extracting(i -> i.indexName())
                    .containsExactlyInAnyOrderElementsOf(t.indexes().stream().map(Table.GlobalIndex::name).toList());
        }
        assertThat(runtime.sqs().listQueues().queueUrls()).extracting(u -> u.substring(u.lastIndexOf('/') + 1))
                .containsExactlyInAnyOrderElementsOf(app.queues().stream().map(Queue::name).toList());
        for (Queue q : app.queues()) {
            var attributes = runtime.sqs().getQueueAttributes(r -> r.queueUrl(runtime.names().queueUrl(q.name()))
                    .attributeNamesWithStrings("All")).attributesAsStrings();
            assertThat(attributes.get("VisibilityTimeout")).isEqualTo(Long.toString(q.visibilityTimeout().toSeconds()));
            if (q.deadLetter() != null) {
                assertThat(attributes.get("RedrivePolicy")).contains(q.deadLetter().queue())
                        .contains("\"maxReceiveCount\":" + q.deadLetter().maxReceiveCount());
            }
        }
        assertThat(runtime.sfn().listStateMachines().stateMachines()).extracting(m -> m.name())
                .containsExactlyInAnyOrderElementsOf(app.stateMachines().stream().map(StateMachine::name).toList());
    }
}
