package ichibyo.cdk;

import ichibyo.app.Access;
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
 * <p>Access is what the description states ({@link Access}), granted by {@link #grant}: references only say where a
 * resource is.
 */
final class Resources {

    final Map<String, IBucket> buckets = new HashMap<>();
    final Map<String, ITable> tables = new HashMap<>();
    final Map<String, IQueue> queues = new HashMap<>();
    /** For a SnapStart function, its {@code live} alias: what events and callers must invoke. */
    final Map<String, IFunction> functions = new HashMap<>();
    final Map<String, IEventBus> eventBuses = new HashMap<>();
    /** The functions themselves (not their aliases). */
    final Map<String, software.amazon.awscdk.services.lambda.Function> lambdas = new HashMap<>();
    /** State machines that run their own Distributed Map children. */
    final java.util.Set<String> executionsGranted = new java.util.HashSet<>();
    /** The server access log bucket. */
    software.amazon.awscdk.services.s3.Bucket accessLogs;
    /** Each function's own role. */
    final Map<String, software.amazon.awscdk.services.iam.Role> roles = new HashMap<>();
    final Map<String, software.amazon.awscdk.services.stepfunctions.StateMachine> stateMachines = new HashMap<>();
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

    /**
     * Grants exactly what {@code access} says (see {@link Access} for the actions of each kind): object actions on
     * {@code arn:…:bucket/prefix*} only, table actions on the table and the named indexes only, no wildcard action.
     */
    void grant(Access access, IGrantable grantee) {
        switch (access) {
            case Access.ReadObjects r -> {
                IBucket bucket = buckets.get(r.bucket());
                add(grantee, statement(List.of("s3:GetObject"), bucket.arnForObjects(r.prefix() + "*")));
                // Key names only: with it a missing object is a 404 (NoSuchKey), which the handlers tell from a denial.
                add(grantee, statement(List.of("s3:ListBucket"), bucket.getBucketArn()));
            }
            case Access.WriteObjects w -> add(grantee, statement(List.of("s3:PutObject", "s3:AbortMultipartUpload"),
                    buckets.get(w.bucket()).arnForObjects(w.prefix() + "*")));
            case Access.DeleteObjects d -> add(grantee, statement(List.of("s3:DeleteObject"),
                    buckets.get(d.bucket()).arnForObjects(d.prefix() + "*")));
            case Access.ReadItems r -> {
                ITable table = tables.get(r.table());
                add(grantee, statement(TABLE_READ, table.getTableArn()));
                for (String index : r.indexes()) {
                    add(grantee, statement(List.of("dynamodb:Query", "dynamodb:Scan"), table.getTableArn() + "/index/" + index));
                }
            }
            case Access.WriteItems w -> add(grantee, statement(TABLE_WRITE, tables.get(w.table()).getTableArn()));
            case Access.ConsumeMessages c -> add(grantee, statement(QUEUE_CONSUME, queues.get(c.queue()).getQueueArn()));
            case Access.SendMessages q -> add(grantee, statement(List.of("sqs:SendMessage"), queues.get(q.queue()).getQueueArn()));
            case Access.PutEvents e -> add(grantee, statement(List.of("events:PutEvents"), eventBuses.get(e.bus()).getEventBusArn()));
            // The alias for a SnapStart function, else the function itself: never its versions too (grantInvoke adds ":*").
            case Access.InvokeFunction f -> add(grantee, statement(List.of("lambda:InvokeFunction"), functions.get(f.function()).getFunctionArn()));
            case Access.StartExecutions m -> grantExecutions(m.stateMachine(), grantee);
            case Access.RunTask t -> grantRunTask(t.task(), grantee);
            case Access.DescribeExecutions d -> add(grantee, statement(List.of("states:DescribeExecution"), executionArns(d.stateMachine())));
        }
    }

    /** Item reads: {@code Query} and {@code Scan} reach an index only where an index is granted. */
    static final List<String> TABLE_READ = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
            "dynamodb:ConditionCheckItem");
    /** Item writes; TransactWriteItems is authorised by the Put and Update of each item. */
    static final List<String> TABLE_WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem");
    /** What the SQS event source mapping calls on the function's behalf. */
    static final List<String> QUEUE_CONSUME = List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
            "sqs:GetQueueAttributes", "sqs:GetQueueUrl");

    private static PolicyStatement statement(List<String> actions, String resource) {
        return PolicyStatement.Builder.create().actions(actions).resources(List.of(resource)).build();
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
