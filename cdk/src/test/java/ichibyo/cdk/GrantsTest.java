package ichibyo.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.app.Access;
import ichibyo.app.AppDescription;
import ichibyo.app.FargateTask;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.app.StateMachine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every role of the stack may do exactly what its function's, state machine's or task's access list says, and the
 * few things running at all needs (its logs, X-Ray): compared action by action and resource by resource with the
 * policies of the synthesised template. No action is a wildcard, no object resource is the whole bucket.
 */
class GrantsTest {

    static final AppDescription APP = Ichibyo.app();
    static final ObjectMapper JSON = new ObjectMapper();
    static StackTemplate stack;
    static JsonNode resources;

    @BeforeAll
    static void synthesize() {
        stack = StackTemplate.ichibyo();
        resources = JSON.valueToTree(stack.template().toJSON()).path("Resources");
    }

    @Test
    void eachFunctionRole_mayDoExactlyWhatItsAccessListSays_besidesItsLogsAndTraces() {
        for (Function f : APP.functions()) {
            Set<String> expected = expected(f.access());
            expected.add(grant("logs:CreateLogStream", arn(id("functions/" + f.name() + "-logs/Resource"))));
            expected.add(grant("logs:PutLogEvents", arn(id("functions/" + f.name() + "-logs/Resource"))));
            expected.add(grant("xray:PutTraceSegments", "*"));
            expected.add(grant("xray:PutTelemetryRecords", "*"));

            assertThat(granted(id("functions/" + f.name() + "-role/Resource"))).as(f.name()).isEqualTo(expected);
            // No managed policy (AWSLambdaBasicExecutionRole and the like): the inline policy is all.
            assertThat(resources.path(id("functions/" + f.name() + "-role/Resource")).path("Properties").has("ManagedPolicyArns")).isFalse();
        }
    }

    @Test
    void uploadUrl_mayPutOriginalsOnly_andScoreMedia_readsOriginalsAndWritesDerivatives() {
        String bucket = id("buckets/" + Ichibyo.MEDIA_BUCKET + "/Resource");
        Set<String> upload = granted(id("functions/upload-url-role/Resource"));
        assertThat(upload).contains(grant("s3:PutObject", objects(bucket, "originals/")))
                .noneMatch(g -> g.startsWith("s3:GetObject") || g.startsWith("s3:DeleteObject") || g.startsWith("dynamodb:PutItem"));
        Set<String> score = granted(id("functions/score-media-role/Resource"));
        assertThat(score).contains(grant("s3:GetObject", objects(bucket, "originals/")), grant("s3:PutObject", objects(bucket, "derived/")),
                        grant("s3:DeleteObject", objects(bucket, "derived/")), grant("sqs:ReceiveMessage",
                                arn(id("queues/" + Ichibyo.SCORE_MEDIA_QUEUE + "/Resource"))))
                .doesNotContain(grant("s3:PutObject", objects(bucket, "originals/")));
    }

    @Test
    void eachStateMachineRole_mayDoExactlyWhatItsAccessListSays_besidesLogDeliveryTracesAndItsOwnMapChildren() {
        for (StateMachine m : APP.stateMachines()) {
            Set<String> expected = expected(m.access());
            for (String action : List.of("logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups",
                    "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                    "logs:UpdateLogDelivery", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords",
                    "xray:PutTraceSegments")) {
                expected.add(grant(action, "*"));
            }
            if (m.name().equals(Ichibyo.DELIVERY_RUN) || m.name().equals(Ichibyo.ENCODE)) {
                // A Distributed Map (families; the encode's chunks) starts its children as executions of the state machine itself.
                expected.addAll(expected(List.of(Access.start(m.name()))));
            }
            String role = resources.path(id("statemachines/" + m.name() + "/Resource")).path("Properties").path("RoleArn")
                    .path("Fn::GetAtt").get(0).asText();
            assertThat(granted(role)).as(m.name()).isEqualTo(expected);
        }
    }

    @Test
    void eachTaskRole_mayDoExactlyWhatItsAccessListSays_andAnswerItsStateMachinesTokens() {
        for (FargateTask t : APP.tasks()) {
            Set<String> expected = expected(t.access());
            // The tokens of the state machines that run it.
            for (StateMachine m : APP.stateMachines()) {
                if (m.access().contains(Access.run(t.name()))) {
                    for (String action : List.of("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat")) {
                        expected.add(grant(action, stateMachineArn(m.name())));
                    }
                }
            }
            assertThat(granted(id("tasks/" + t.name() + "/TaskRole/Resource"))).as(t.name()).isEqualTo(expected);
        }
    }

    @Test
    void noRole_hasAWildcardAction() {
        for (JsonNode policy : resources) {
            if (policy.path("Type").asText().equals("AWS::IAM::Policy")) {
                for (JsonNode s : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                    for (String action : strings(s.path("Action"))) {
                        assertThat(action).as(policy.path("Metadata").toString()).doesNotContain("*");
                    }
                }
            }
        }
    }

    /** What the access list grants, written as the template writes it: "action resource-json". */
    private static Set<String> expected(List<Access> access) {
        Set<String> out = new TreeSet<>();
        for (Access a : access) {
            switch (a) {
                case Access.ReadObjects r -> {
                    String bucket = id("buckets/" + r.bucket() + "/Resource");
                    out.add(grant("s3:GetObject", objects(bucket, r.prefix())));
                    out.add(grant("s3:ListBucket", arn(bucket)));
                }
                case Access.WriteObjects w -> {
                    String bucket = id("buckets/" + w.bucket() + "/Resource");
                    out.add(grant("s3:PutObject", objects(bucket, w.prefix())));
                    out.add(grant("s3:AbortMultipartUpload", objects(bucket, w.prefix())));
                }
                case Access.DeleteObjects d -> out.add(grant("s3:DeleteObject", objects(id("buckets/" + d.bucket() + "/Resource"), d.prefix())));
                case Access.ReadItems r -> {
                    String table = id("tables/" + r.table() + "/Resource");
                    for (String action : List.of("GetItem", "BatchGetItem", "Query", "Scan", "ConditionCheckItem")) {
                        out.add(grant("dynamodb:" + action, arn(table)));
                    }
                    for (String index : r.indexes()) {
                        Object indexArn = Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(table, "Arn")), "/index/" + index)));
                        out.add(grant("dynamodb:Query", indexArn));
                        out.add(grant("dynamodb:Scan", indexArn));
                    }
                }
                case Access.WriteItems w -> {
                    for (String action : List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem")) {
                        out.add(grant("dynamodb:" + action, arn(id("tables/" + w.table() + "/Resource"))));
                    }
                }
                case Access.ConsumeMessages c -> {
                    for (String action : List.of("ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl")) {
                        out.add(grant("sqs:" + action, arn(id("queues/" + c.queue() + "/Resource"))));
                    }
                }
                case Access.SendMessages q -> out.add(grant("sqs:SendMessage", arn(id("queues/" + q.queue() + "/Resource"))));
                case Access.PutEvents e -> out.add(grant("events:PutEvents", arn(id("buses/" + e.bus() + "/Resource"))));
                case Access.InvokeFunction f -> {
                    Function described = APP.function(f.function()).orElseThrow();
                    out.add(grant("lambda:InvokeFunction", described.snapStart()
                            ? Map.of("Ref", id("functions/" + f.function() + "/Aliaslive/Resource"))
                            : arn(id("functions/" + f.function() + "/Resource"))));
                }
                case Access.StartExecutions m -> {
                    out.add(grant("states:StartExecution", stateMachineArn(m.stateMachine())));
                    Object executions = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":states:",
                            Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":execution:Ichibyo-" + m.stateMachine() + ":*")));
                    out.add(grant("states:DescribeExecution", executions));
                    out.add(grant("states:StopExecution", executions));
                }
                case Access.DescribeExecutions d -> out.add(grant("states:DescribeExecution", Map.of("Fn::Join", List.of("", List.of("arn:",
                        Map.of("Ref", "AWS::Partition"), ":states:", Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"),
                        ":execution:Ichibyo-" + d.stateMachine() + ":*")))));
                case Access.RunTask t -> {
                    // The statements themselves are FargateTasksStackTest's; here: run this definition, and no other.
                    out.add(grant("ecs:RunTask", Map.of("Ref", id("tasks/" + t.task() + "/Resource"))));
                    Object tasks = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":ecs:",
                            Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":task/", Map.of("Ref", id("tasks/cluster/Resource")), "/*")));
                    out.add(grant("ecs:DescribeTasks", tasks));
                    out.add(grant("ecs:StopTask", tasks));
                    out.add(grant("iam:PassRole", arn(id("tasks/" + t.task() + "/TaskRole/Resource"))));
                    out.add(grant("iam:PassRole", arn(id("tasks/" + t.task() + "/ExecutionRole/Resource"))));
                    Object rule = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":events:",
                            Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":rule/StepFunctionsGetEventsForECSTaskRule")));
                    for (String action : List.of("events:PutTargets", "events:PutRule", "events:DescribeRule")) {
                        out.add(grant(action, rule));
                    }
                }
            }
        }
        return out;
    }

    /** Every (action, resource) the policies attached to the role allow, conditions aside. */
    private static Set<String> granted(String roleId) {
        Set<String> out = new TreeSet<>();
        for (JsonNode policy : resources) {
            if (!policy.path("Type").asText().equals("AWS::IAM::Policy")) {
                continue;
            }
            boolean attached = false;
            for (JsonNode role : policy.path("Properties").path("Roles")) {
                attached |= roleId.equals(role.path("Ref").asText());
            }
            if (!attached) {
                continue;
            }
            for (JsonNode s : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                assertThat(s.path("Effect").asText()).isEqualTo("Allow");
                List<JsonNode> targets = new ArrayList<>();
                if (s.path("Resource").isArray()) s.path("Resource").forEach(targets::add); else targets.add(s.path("Resource"));
                for (String action : strings(s.path("Action"))) {
                    targets.forEach(r -> out.add(action + " " + r));
                }
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> out.add(n.asText())); else out.add(node.asText());
        return out;
    }

    private static String grant(String action, Object resource) {
        return action + " " + JSON.valueToTree(resource);
    }

    private static String id(String path) {
        return stack.logicalId(path);
    }

    private static Object arn(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }

    private static Object objects(String bucketId, String prefix) {
        return Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucketId, "Arn")), "/" + prefix + "*")));
    }

    private static Object stateMachineArn(String name) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":states:", Map.of("Ref", "AWS::Region"),
                ":", Map.of("Ref", "AWS::AccountId"), ":stateMachine:Ichibyo-" + name)));
    }
}
