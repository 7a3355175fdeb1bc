package ichibyo.app;

import java.util.List;

/**
 * What a function, state machine or Fargate task does with another resource of the app, stated by the
 * resource that does it. The CDK app grants exactly this and nothing more (the actions of each kind are
 * listed below, on the resources named, never a wildcard action); the local runtime enforces nothing.
 * {@link AppDescription#accessProblems()} holds the list to the references: a resource named in an
 * environment or a substitution without access would fail on AWS, access to a resource nothing names is
 * access nobody uses.
 *
 * <p>Buckets are granted by key prefix ({@code originals/}, {@code runs/}), never the whole bucket's objects.
 */
public sealed interface Access {

    /** The bucket or table or ... the access is to: {@code bucket:ichibyo-media}. */
    String resource();

    /**
     * {@code s3:GetObject} on the objects under {@code prefix}, and {@code s3:ListBucket} on the bucket: key
     * names only, but without it S3 answers 403 for a missing object where the handlers expect 404 (NoSuchKey).
     */
    record ReadObjects(String bucket, String prefix) implements Access {
        public ReadObjects { requirePrefix(bucket, prefix); }
        public String resource() { return "bucket:" + bucket; }
    }

    /** {@code s3:PutObject} (also CopyObject's destination and multipart uploads) and {@code s3:AbortMultipartUpload} under {@code prefix}. */
    record WriteObjects(String bucket, String prefix) implements Access {
        public WriteObjects { requirePrefix(bucket, prefix); }
        public String resource() { return "bucket:" + bucket; }
    }

    /** {@code s3:DeleteObject} under {@code prefix}. */
    record DeleteObjects(String bucket, String prefix) implements Access {
        public DeleteObjects { requirePrefix(bucket, prefix); }
        public String resource() { return "bucket:" + bucket; }
    }

    /**
     * {@code dynamodb:GetItem}, {@code BatchGetItem}, {@code Query}, {@code Scan}, {@code ConditionCheckItem} on
     * the table, and {@code Query} and {@code Scan} on the named indexes (only those).
     */
    record ReadItems(String table, List<String> indexes) implements Access {
        public ReadItems { indexes = List.copyOf(indexes); }
        public String resource() { return "table:" + table; }
    }

    /** {@code dynamodb:PutItem}, {@code UpdateItem}, {@code DeleteItem}, {@code BatchWriteItem} on the table (also in transactions). */
    record WriteItems(String table) implements Access {
        public String resource() { return "table:" + table; }
    }

    /** Receive, delete and change the visibility of the queue's messages: what an SQS event source mapping needs. */
    record ConsumeMessages(String queue) implements Access {
        public String resource() { return "queue:" + queue; }
    }

    /** {@code sqs:SendMessage} to the queue. */
    record SendMessages(String queue) implements Access {
        public String resource() { return "queue:" + queue; }
    }

    /** {@code events:PutEvents} on the bus. */
    record PutEvents(String bus) implements Access {
        public String resource() { return "event bus:" + bus; }
    }

    /** {@code lambda:InvokeFunction} on the function (its live alias and versions for a SnapStart function). */
    record InvokeFunction(String function) implements Access {
        public String resource() { return "function:" + function; }
    }

    /** Start executions of the state machine, describe and stop them (what {@code startExecution.sync} needs too). */
    record StartExecutions(String stateMachine) implements Access {
        public String resource() { return "state machine:" + stateMachine; }
    }

    /** {@code states:DescribeExecution} on the state machine's executions only: read how they ended, never start or stop one. */
    record DescribeExecutions(String stateMachine) implements Access {
        public String resource() { return "state machine:" + stateMachine; }
    }

    /** Run the task definition in the app's cluster, pass its roles, follow and stop its tasks. */
    record RunTask(String task) implements Access {
        public String resource() { return "task:" + task; }
    }

    static Access read(String bucket, String prefix) { return new ReadObjects(bucket, prefix); }
    static Access write(String bucket, String prefix) { return new WriteObjects(bucket, prefix); }
    static Access delete(String bucket, String prefix) { return new DeleteObjects(bucket, prefix); }
    /** Reads of the table's items, and queries and scans of the indexes named (none by default). */
    static Access readItems(String table, String... indexes) { return new ReadItems(table, List.of(indexes)); }
    static Access writeItems(String table) { return new WriteItems(table); }
    static Access consume(String queue) { return new ConsumeMessages(queue); }
    static Access send(String queue) { return new SendMessages(queue); }
    static Access putEvents(String bus) { return new PutEvents(bus); }
    static Access invoke(String function) { return new InvokeFunction(function); }
    static Access start(String stateMachine) { return new StartExecutions(stateMachine); }
    static Access run(String task) { return new RunTask(task); }
    static Access describeExecutions(String stateMachine) { return new DescribeExecutions(stateMachine); }

    /** A folder of keys: letters, digits, {@code . _ -}, ending in {@code /}; never the whole bucket. */
    private static void requirePrefix(String bucket, String prefix) {
        if (prefix == null || !prefix.matches("([A-Za-z0-9._-]+/)+")) {
            throw new IllegalArgumentException("access to bucket " + bucket + " needs a key prefix like originals/, not " + prefix);
        }
    }
}
