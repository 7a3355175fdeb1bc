package ichibyo.cdk;

import ichibyo.app.FargateTask;
import ichibyo.app.Ref;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * The constructs made from the description, by the description's names, and what its references
 * ({@link Ref}) mean on AWS: a token for the value, and the access that goes with it.
 *
 * <p>Access follows references: a function or state machine given a bucket's name may read and
 * write the bucket, a table's name its items, a queue's URL send to it, a function's ARN invoke it,
 * a state machine's ARN start and follow its executions, an event bus's name put events on it, a task
 * definition's ARN run it in the app's cluster ({@link #grantRunTask}).
 */
final class Resources {

    final Map<String, IBucket> buckets = new HashMap<>();
    final Map<String, ITable> tables = new HashMap<>();
    final Map<String, IQueue> queues = new HashMap<>();
    /** For a SnapStart function, its {@code live} alias: what events and callers must invoke. */
    final Map<String, IFunction> functions = new HashMap<>();
    final Map<String, IEventBus> eventBuses = new HashMap<>();
    final Map<String, FargateTaskDefinition> tasks = new HashMap<>();
    final Map<String, FargateTask> taskDescriptions = new HashMap<>();
    /** Built with the first task ({@link FargateTasks}); null when the app has none. */
    Vpc vpc;
    ISecurityGroup taskSecurityGroup;
    Cluster cluster;
    private final Stack stack;

    Resources(Stack stack) {
        this.stack = stack;
    }

    /**
     * A state machine's physical name. Fixed (not generated) so that its ARN is known without a
     * reference to the construct: a function and a state machine can then name each other without
     * a dependency cycle.
     */
    String stateMachineName(String name) {
        return stack.getStackName() + "-" + name;
    }

    String stateMachineArn(String name) {
        return stack.formatArn(ArnComponents.builder().service("states").resource("stateMachine")
                .resourceName(stateMachineName(name)).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    /** Executions of the state machine: {@code arn:aws:states:…:execution:NAME:*}. */
    String executionArns(String name) {
        return stack.formatArn(ArnComponents.builder().service("states").resource("execution")
                .resourceName(stateMachineName(name) + ":*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    String token(Ref ref) {
        return ref.resolve(new Ref.Resolver<String>() {
            public String literal(String value) { return value; }
            public String bucketName(String b) { return buckets.get(b).getBucketName(); }
            public String tableName(String t) { return tables.get(t).getTableName(); }
            public String queueUrl(String q) { return queues.get(q).getQueueUrl(); }
            public String functionArn(String f) { return functions.get(f).getFunctionArn(); }
            public String stateMachineArn(String m) { return Resources.this.stateMachineArn(m); }
            public String taskDefinitionArn(String t) { return tasks.get(t).getTaskDefinitionArn(); }
            public String eventBusName(String b) { return eventBuses.get(b).getEventBusName(); }
            public String clusterArn() { return cluster.getClusterArn(); }
            public String taskSubnets() {
                return Fn.join(",", vpc.getPublicSubnets().stream().map(ISubnet::getSubnetId).toList());
            }
            public String taskSecurityGroup() { return taskSecurityGroup.getSecurityGroupId(); }
            public String capacityProvider(String t) { return taskDescriptions.get(t).capacityProvider(); }
        });
    }

    void grant(Ref ref, IGrantable grantee) {
        ref.resolve(new Ref.Resolver<Void>() {
            public Void literal(String value) { return null; }
            public Void bucketName(String b) { buckets.get(b).grantReadWrite(grantee); return null; }
            public Void tableName(String t) { tables.get(t).grantReadWriteData(grantee); return null; }
            public Void queueUrl(String q) { queues.get(q).grantSendMessages(grantee); return null; }
            public Void functionArn(String f) { functions.get(f).grantInvoke(grantee); return null; }
            public Void stateMachineArn(String m) { grantExecutions(m, grantee); return null; }
            public Void taskDefinitionArn(String t) { grantRunTask(t, grantee); return null; }
            public Void eventBusName(String b) { eventBuses.get(b).grantPutEventsTo(grantee); return null; }
            // Names of the network and the capacity: nothing to grant.
            public Void clusterArn() { return null; }
            public Void taskSubnets() { return null; }
            public Void taskSecurityGroup() { return null; }
            public Void capacityProvider(String t) { return null; }
        });
    }

    /**
     * What {@code ecs:runTask} (request-response, {@code .sync}, {@code .waitForTaskToken}) needs: run the task
     * definition in the app's cluster only, pass its two roles to ECS, follow and stop its tasks, and for
     * {@code .sync} the EventBridge rule Step Functions manages to hear that a task stopped.
     */
    void grantRunTask(String task, IGrantable grantee) {
        FargateTaskDefinition definition = tasks.get(task);
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ecs:RunTask"))
                .resources(List.of(definition.getTaskDefinitionArn()))
                .conditions(Map.of("ArnEquals", Map.of("ecs:cluster", cluster.getClusterArn()))).build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("ecs:DescribeTasks", "ecs:StopTask"))
                .resources(List.of(stack.formatArn(ArnComponents.builder().service("ecs").resource("task")
                        .resourceName(cluster.getClusterName() + "/*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                .build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("iam:PassRole"))
                .resources(List.of(definition.getTaskRole().getRoleArn(), definition.obtainExecutionRole().getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"))).build());
        add(grantee, PolicyStatement.Builder.create().actions(List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"))
                .resources(List.of(stack.formatArn(ArnComponents.builder().service("events").resource("rule")
                        .resourceName("StepFunctionsGetEventsForECSTaskRule").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                .build());
    }

    /** A task started by {@code stateMachine} with a task token may answer with it: heartbeats, success, failure. */
    void grantTaskResponse(Ref ref, String stateMachine) {
        if (ref instanceof Ref.TaskDefinitionArn(String task)) {
            add(tasks.get(task).getTaskRole(), PolicyStatement.Builder.create()
                    .actions(List.of("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"))
                    .resources(List.of(stateMachineArn(stateMachine))).build());
        }
    }

    private static void add(IGrantable grantee, PolicyStatement statement) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(statement);
    }

    /** Start, follow and stop executions; also what {@code startExecution.sync} needs to watch a child. */
    void grantExecutions(String stateMachine, IGrantable grantee) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(grantee)
                .actions(List.of("states:StartExecution")).resourceArns(List.of(stateMachineArn(stateMachine))).build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(grantee)
                .actions(List.of("states:DescribeExecution", "states:StopExecution"))
                .resourceArns(List.of(executionArns(stateMachine))).build());
    }
}
