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

        // The Fargate side: what a state machine's ecs:runTask names besides the task definition. Default
        // methods, so that a resolver that never meets a task (a test's) need not implement them.

        /** The app's one ECS cluster, where its Fargate tasks run. */
        default T clusterArn() { throw new UnsupportedOperationException("this resolver does not resolve the task cluster"); }
        /** The subnets of the tasks' awsvpc network, comma-separated. */
        default T taskSubnets() { throw new UnsupportedOperationException("this resolver does not resolve the task subnets"); }
        /** The tasks' security group. */
        default T taskSecurityGroup() { throw new UnsupportedOperationException("this resolver does not resolve the task security group"); }
        /** {@code FARGATE_SPOT} when the task may run on Spot capacity, else {@code FARGATE}. */
        default T capacityProvider(String task) { throw new UnsupportedOperationException("this resolver does not resolve capacity providers"); }
    }

    static Ref literal(String value) { return new Literal(value); }
    static Ref bucketName(String bucket) { return new BucketName(bucket); }
    static Ref tableName(String table) { return new TableName(table); }
    static Ref queueUrl(String queue) { return new QueueUrl(queue); }
    static Ref functionArn(String function) { return new FunctionArn(function); }
    static Ref stateMachineArn(String stateMachine) { return new StateMachineArn(stateMachine); }
    static Ref taskDefinitionArn(String task) { return new TaskDefinitionArn(task); }
    static Ref eventBusName(String bus) { return new EventBusName(bus); }
    /** The cluster's ARN on AWS; locally a cluster ARN the emulator's ECS runner accepts and ignores. */
    static Ref clusterArn() { return new ClusterArn(); }
    /** The tasks' subnet ids, comma-separated (a state machine splits them for {@code AwsvpcConfiguration.Subnets}). */
    static Ref taskSubnets() { return new TaskSubnets(); }
    /** The tasks' security group id (no ingress). */
    static Ref taskSecurityGroup() { return new TaskSecurityGroup(); }
    /** The capacity provider a task runs on: {@code FARGATE_SPOT} if {@link FargateTask#spot()}, else {@code FARGATE}. */
    static Ref capacityProvider(String task) { return new CapacityProvider(task); }

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
    record ClusterArn() implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.clusterArn(); }
    }
    record TaskSubnets() implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.taskSubnets(); }
    }
    record TaskSecurityGroup() implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.taskSecurityGroup(); }
    }
    record CapacityProvider(String task) implements Ref {
        public <T> T resolve(Resolver<T> r) { return r.capacityProvider(task); }
    }
}
