package ichibyo.local.runtime;

import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.Queue;
import ichibyo.app.StateMachine;
import ichibyo.app.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the described resources through the services' own APIs, as CloudFormation would, and
 * leaves existing ones in place (a restart on the same data directory keeps their contents).
 */
final class ResourceCreator {

    private final AppDescription app;
    private final Path repositoryRoot;

    ResourceCreator(AppDescription app, Path repositoryRoot) {
        this.app = app;
        this.repositoryRoot = repositoryRoot;
    }

    void createBuckets(S3Client s3) {
        for (Bucket b : app.buckets()) {
            try {
                s3.createBucket(r -> r.bucket(b.name()));
            } catch (BucketAlreadyOwnedByYouException e) {
                // kept from an earlier run
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                if (!"BucketAlreadyExists".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
            }
            if (b.versioned()) {
                try {
                    s3.putBucketVersioning(r -> r.bucket(b.name()).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
                } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                    // S3Proxy's filesystem store may not version; objects then carry no versionId (nor do their events).
                    System.err.println("ichibyo-local: bucket " + b.name() + " is versioned on AWS but not locally: "
                            + e.awsErrorDetails().errorMessage());
                }
            }
        }
    }

    void createTables(DynamoDbClient dynamo) {
        for (Table t : app.tables()) {
            Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
            List<KeySchemaElement> keys = keySchema(t.partitionKey(), t.sortKey(), attributes);
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (Table.GlobalIndex gsi : t.indexes()) {
                indexes.add(GlobalSecondaryIndex.builder().indexName(gsi.name())
                        .keySchema(keySchema(gsi.partitionKey(), gsi.sortKey(), attributes))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build());
            }
            try {
                dynamo.createTable(r -> r.tableName(t.name()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(keys).attributeDefinitions(attributes.values())
                        .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes));
            } catch (ResourceInUseException e) {
                continue; // kept from an earlier run (on-disk DynamoDB)
            }
            if (t.ttlAttribute() != null) {
                dynamo.updateTimeToLive(r -> r.tableName(t.name())
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName(t.ttlAttribute())));
            }
        }
    }

    private static List<KeySchemaElement> keySchema(Table.Key pk, Table.Key sk, Map<String, AttributeDefinition> attributes) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(pk.name()).keyType(KeyType.HASH).build());
        attributes.putIfAbsent(pk.name(), AttributeDefinition.builder().attributeName(pk.name()).attributeType(pk.type().name()).build());
        if (sk != null) {
            keys.add(KeySchemaElement.builder().attributeName(sk.name()).keyType(KeyType.RANGE).build());
            attributes.putIfAbsent(sk.name(), AttributeDefinition.builder().attributeName(sk.name()).attributeType(sk.type().name()).build());
        }
        return keys;
    }

    /** Creates the queues, dead-letter queues first, and returns every queue's URL by name. */
    Map<String, String> createQueues(SqsClient sqs, LocalNames names) {
        Map<String, String> urls = new HashMap<>();
        List<Queue> ordered = new ArrayList<>(app.queues().stream().filter(q -> q.deadLetter() == null).toList());
        ordered.addAll(app.queues().stream().filter(q -> q.deadLetter() != null).toList());
        for (Queue q : ordered) {
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(q.visibilityTimeout().toSeconds()));
            attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(q.retention().toSeconds()));
            if (q.deadLetter() != null) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + names.queueArn(q.deadLetter().queue())
                        + "\",\"maxReceiveCount\":" + q.deadLetter().maxReceiveCount() + "}");
            }
            String url = sqs.createQueue(r -> r.queueName(q.name())).queueUrl();
            // createQueue refuses changed attributes of an existing queue; setting them always works.
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes));
            urls.put(q.name(), url);
        }
        return urls;
    }

    /** Creates or updates each state machine from its file, with its substitutions filled in. */
    void createStateMachines(SfnClient sfn, LocalNames names) {
        for (StateMachine m : app.stateMachines()) {
            String definition = definition(m, names);
            try {
                sfn.createStateMachine(r -> r.name(m.name()).definition(definition).type(m.type().name())
                        .roleArn("arn:aws:iam::" + names.account() + ":role/" + m.name()));
            } catch (StateMachineAlreadyExistsException e) {
                sfn.updateStateMachine(r -> r.stateMachineArn(names.stateMachineArn(m.name())).definition(definition));
            }
        }
    }

    /** The definition file with {@code ${Name}} placeholders replaced, as CDK's definitionSubstitutions does. */
    String definition(StateMachine m, LocalNames names) {
        String text;
        try {
            text = Files.readString(repositoryRoot.resolve(m.definitionFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the definition of state machine " + m.name(), e);
        }
        for (Map.Entry<String, String> s : names.resolve(m.substitutions()).entrySet()) {
            text = text.replace("${" + s.getKey() + "}", s.getValue());
        }
        return text;
    }
}
