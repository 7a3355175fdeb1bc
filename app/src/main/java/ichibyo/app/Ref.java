package ichibyo.app;

/**
 * A value that refers to another resource, used in environments and definition substitutions. The
 * description never holds physical ARNs or URLs: each side resolves a reference its own way.
 */
public sealed interface Ref {

    <T> T resolve(Resolver<T> resolver);

    /** Turns references into values: CDK tokens on AWS, loopback endpoints and local ARNs locally. */
    interface Resolver<T> {
        T literal(String value);
        T bucketName(String bucket);
        T tableName(String table);
        T queueUrl(String queue);
        T functionArn(String function);
        T stateMachineArn(String stateMachine);
        T taskDefinitionArn(String task);
        T eventBusName(String bus);
    }

    static Ref literal(String value) { return new Literal(value); }
    static Ref bucketName(String bucket) { return new BucketName(bucket); }
    static Ref tableName(String table) { return new TableName(table); }
    static Ref queueUrl(String queue) { return new QueueUrl(queue); }
    static Ref functionArn(String function) { return new FunctionArn(function); }
    static Ref stateMachineArn(String stateMachine) { return new StateMachineArn(stateMachine); }
    static Ref taskDefinitionArn(String task) { return new TaskDefinitionArn(task); }
    static Ref eventBusName(String bus) { return new EventBusName(bus); }

    record Literal(String value) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.literal(value); }
    }
    record BucketName(String bucket) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.bucketName(bucket); }
    }
    record TableName(String table) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.tableName(table); }
    }
    record QueueUrl(String queue) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.queueUrl(queue); }
    }
    record FunctionArn(String function) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.functionArn(function); }
    }
    record StateMachineArn(String stateMachine) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.stateMachineArn(stateMachine); }
    }
    record TaskDefinitionArn(String task) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.taskDefinitionArn(task); }
    }
    record EventBusName(String bus) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.eventBusName(bus); }
    }
}
