package ichibyo.local.runtime;

import ichibyo.app.Ref;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the description's references on this machine: names stay names, ARNs are built in the
 * emulated account and region, queue URLs are the ones the SQS server gave.
 */
public record LocalNames(String region, String account, Function<String, String> queueUrls) implements Ref.Resolver<String> {

    public static final String REGION = "us-east-1";
    /** The account the Step Functions emulator reports in its ARNs. */
    public static final String ACCOUNT = "123456789012";
    /** The name of the one local cluster in its ARN. */
    public static final String CLUSTER = "ichibyo";

    public Map<String, String> resolve(Map<String, Ref> refs) {
        return refs.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().resolve(this)));
    }

    @Override public String literal(String value) { return value; }
    @Override public String bucketName(String bucket) { return bucket; }
    @Override public String tableName(String table) { return table; }
    @Override public String queueUrl(String queue) { return queueUrls.apply(queue); }
    @Override public String functionArn(String function) { return "arn:aws:lambda:" + region + ":" + account + ":function:" + function; }
    @Override public String stateMachineArn(String machine) { return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + machine; }
    @Override public String taskDefinitionArn(String task) { return "arn:aws:ecs:" + region + ":" + account + ":task-definition/" + task + ":1"; }
    @Override public String eventBusName(String bus) { return bus; }
    // The emulator's ECS runner starts tasks as child processes: it accepts these and ignores them.
    @Override public String clusterArn() { return "arn:aws:ecs:" + region + ":" + account + ":cluster/" + CLUSTER; }
    @Override public String taskSubnets() { return "subnet-local-a,subnet-local-b"; }
    @Override public String taskSecurityGroup() { return "sg-local"; }
    /** Every task runs on this machine: there is no Spot capacity to ask for. */
    @Override public String capacityProvider(String task) { return "FARGATE"; }

    public String queueArn(String queue) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + queue;
    }
}
