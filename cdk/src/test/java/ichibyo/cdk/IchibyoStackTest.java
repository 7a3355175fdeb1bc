package ichibyo.cdk;

import static ichibyo.cdk.StackTemplate.arnOf;
import static ichibyo.cdk.StackTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.EventBus;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.app.ObjectCreatedNotification;
import ichibyo.app.Queue;
import ichibyo.app.Ref;
import ichibyo.app.StateMachine;
import ichibyo.app.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The CDK app's template holds exactly the resources of the description that the local runtime is
 * built from ({@code local}'s DescribedResources holds the runtime to the same description), with the
 * described settings, the references resolved to the right resources, and the access that follows them.
 */
class IchibyoStackTest {

    static final AppDescription APP = Ichibyo.app();
    static StackTemplate stack;
    static Template template;

    @BeforeAll
    static void synthesize() {
        // Once for the class: the first synthesis in a JVM starts node (~10 s), later ones take a fraction.
        stack = StackTemplate.ichibyo();
        template = stack.template();
    }

    @Test
    void everyKindOfResource_isExactlyTheDescribedOnes() {
        assertThat(stack.paths("AWS::S3::Bucket")).filteredOn(p -> p.startsWith("buckets/")).containsExactlyInAnyOrderElementsOf(
                paths("buckets", APP.buckets().stream().map(Bucket::name)));
        // Besides the described buckets, only the one S3 writes their server access logs to.
        assertThat(stack.paths("AWS::S3::Bucket")).filteredOn(p -> !p.startsWith("buckets/")).containsExactly("access-logs/Resource");
        assertThat(stack.paths("AWS::DynamoDB::Table")).containsExactlyInAnyOrderElementsOf(
                paths("tables", APP.tables().stream().map(Table::name)));
        assertThat(stack.paths("AWS::SQS::Queue")).filteredOn(p -> p.startsWith("queues/")).containsExactlyInAnyOrderElementsOf(
                paths("queues", APP.queues().stream().map(Queue::name)));
        // Besides the described queues, only each event rule's dead-letter queue (what its target could not get).
        assertThat(stack.paths("AWS::SQS::Queue")).filteredOn(p -> !p.startsWith("queues/")).containsExactlyInAnyOrderElementsOf(
                paths("rules", APP.eventRules().stream().map(r -> r.name() + "-dlq")));
        assertThat(stack.paths("AWS::SNS::Topic")).filteredOn(p -> p.startsWith("topics/")).containsExactlyInAnyOrderElementsOf(
                paths("topics", APP.topics().stream().map(ichibyo.app.Topic::name)));
        assertThat(stack.paths("AWS::Events::Rule")).filteredOn(p -> p.startsWith("rules/")).containsExactlyInAnyOrderElementsOf(
                paths("rules", APP.eventRules().stream().map(ichibyo.app.EventRule::name)));
        assertThat(stack.paths("AWS::Events::EventBus")).containsExactlyInAnyOrderElementsOf(
                paths("buses", APP.eventBuses().stream().map(EventBus::name)));
        assertThat(stack.paths("AWS::StepFunctions::StateMachine")).containsExactlyInAnyOrderElementsOf(
                paths("statemachines", APP.stateMachines().stream().map(StateMachine::name)));
        // Schedules are L1 resources (CfnSchedule): no Resource child in their path.
        assertThat(stack.paths("AWS::Scheduler::Schedule")).containsExactlyInAnyOrderElementsOf(
                APP.schedules().stream().map(s -> "schedules/" + s.name()).toList());
        // Besides the described functions, only the CDK's own handlers: the one that configures bucket notifications,
        // the one that empties the VPC's default security group (feature flag @aws-cdk/aws-ec2:restrictDefaultSecurityGroup).
        assertThat(stack.paths("AWS::Lambda::Function")).filteredOn(p -> p.startsWith("functions/"))
                .containsExactlyInAnyOrderElementsOf(paths("functions", APP.functions().stream().map(Function::name)));
        assertThat(stack.paths("AWS::Lambda::Function")).filteredOn(p -> !p.startsWith("functions/"))
                .allMatch(p -> p.startsWith("BucketNotificationsHandler") || p.startsWith("Custom::VpcRestrictDefaultSG"));
    }

    @Test
    void tables_haveTheDescribedKeysAndIndexes_andOutliveTheStack() {
        for (Table t : APP.tables()) {
            String path = "tables/" + t.name() + "/Resource";
            Capture indexes = new Capture();
            stack.hasResourceAt("AWS::DynamoDB::Table", path, Map.of(
                    "Properties", Match.objectLike(Map.of(
                            "KeySchema", Match.exact(keySchema(t.partitionKey(), t.sortKey())),
                            "BillingMode", "PAY_PER_REQUEST",
                            "GlobalSecondaryIndexes", t.indexes().isEmpty() ? Match.absent() : indexes,
                            "TimeToLiveSpecification", t.ttlAttribute() == null ? Match.absent()
                                    : Match.objectEquals(Map.of("AttributeName", t.ttlAttribute(), "Enabled", true)))),
                    "DeletionPolicy", "Retain"));
            if (t.indexes().isEmpty()) {
                continue;
            }
            assertThat(indexes.asArray()).containsExactlyInAnyOrderElementsOf(t.indexes().stream()
                    .map(i -> Map.of(
                            "IndexName", i.name(),
                            "KeySchema", keySchema(i.partitionKey(), i.sortKey()),
                            "Projection", Map.of("ProjectionType", "ALL")))
                    .toList());
        }
    }

    @Test
    void queues_haveTheDescribedTimeouts_andDeadLetterQueuesWithAnAlarm() {
        for (Queue q : APP.queues()) {
            String dlq = q.deadLetter() == null ? null : stack.logicalId("queues/" + q.deadLetter().queue() + "/Resource");
            stack.hasPropertiesAt("AWS::SQS::Queue", "queues/" + q.name() + "/Resource", Map.of(
                    "VisibilityTimeout", (int) q.visibilityTimeout().toSeconds(),
                    "MessageRetentionPeriod", (int) q.retention().toSeconds(),
                    "RedrivePolicy", dlq == null ? Match.absent() : Match.objectEquals(Map.of(
                            "deadLetterTargetArn", arnOf(dlq), "maxReceiveCount", q.deadLetter().maxReceiveCount()))));
            if (dlq == null) {
                continue;
            }
            stack.hasPropertiesAt("AWS::CloudWatch::Alarm", "queues/" + q.deadLetter().queue() + "-not-empty/Resource", Map.of(
                    "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Dimensions", Match.exact(List.of(Map.of("Name", "QueueName",
                            "Value", Map.of("Fn::GetAtt", List.of(dlq, "QueueName"))))),
                    "AlarmActions", Match.exact(List.of(ref(stack.logicalId("alarms/Resource"))))));
        }
    }

    @Test
    void notifications_sendObjectCreatedEventsUnderTheirPrefixToTheirQueue() {
        for (Bucket b : APP.buckets()) {
            List<ObjectCreatedNotification> described = APP.notifications().stream()
                    .filter(n -> n.bucket().equals(b.name())).toList();
            if (described.isEmpty()) {
                continue;
            }
            Capture queues = new Capture();
            stack.hasPropertiesAt("Custom::S3BucketNotifications", "buckets/" + b.name() + "/Notifications/Resource", Map.of(
                    "BucketName", Match.objectEquals(ref(stack.logicalId("buckets/" + b.name() + "/Resource"))),
                    "NotificationConfiguration", Match.objectLike(Map.of("QueueConfigurations", queues))));
            List<Object> expected = new ArrayList<>();
            for (ObjectCreatedNotification n : described) {
                List<Map<String, String>> rules = new ArrayList<>();
                if (!n.prefix().isEmpty()) rules.add(Map.of("Name", "prefix", "Value", n.prefix()));
                if (!n.suffix().isEmpty()) rules.add(Map.of("Name", "suffix", "Value", n.suffix()));
                expected.add(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules", rules)),
                        "QueueArn", arnOf(stack.logicalId("queues/" + n.queue() + "/Resource"))));
            }
            assertThat(queues.asArray()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void functions_runTheDescribedHandlersWithTheirSettings() {
        for (Function f : APP.functions()) {
            Map<String, Object> variables = new HashMap<>();
            f.environment().forEach((name, value) -> variables.put(name, expectedToken(value)));
            variables.put("POWERTOOLS_SERVICE_NAME", "ichibyo"); // Lambda's own, for Powertools' logs and metrics
            Map<String, Object> p = new HashMap<>();
            p.put("Handler", f.handler() + "::handleRequest");
            p.put("Runtime", "java21");
            p.put("Architectures", Match.exact(List.of("arm64")));
            p.put("MemorySize", f.memoryMb());
            p.put("Timeout", (int) f.timeout().toSeconds());
            p.put("EphemeralStorage", Match.objectEquals(Map.of("Size", f.ephemeralStorageMb())));
            p.put("SnapStart", f.snapStart() ? Match.objectEquals(Map.of("ApplyOn", "PublishedVersions")) : Match.absent());
            p.put("Layers", f.ffmpeg() ? Match.exact(List.of(ref(stack.logicalId("functions/ffmpeg-layer/Resource")))) : Match.absent());
            p.put("Environment", Match.objectLike(Map.of("Variables", Match.objectEquals(variables))));
            stack.hasPropertiesAt("AWS::Lambda::Function", "functions/" + f.name() + "/Resource", p);
        }
    }

    @Test
    void eventSources_pollTheDescribedQueues_andReachSnapStartFunctionsThroughTheirAlias() {
        int mappings = 0;
        for (Function f : APP.functions()) {
            for (Function.SqsEventSource e : f.eventSources()) {
                mappings++;
                String function = stack.logicalId("functions/" + f.name() + "/Resource");
                String path = stack.paths("AWS::Lambda::EventSourceMapping").stream()
                        .filter(p -> p.startsWith("functions/" + f.name() + "/")).findFirst().orElseThrow();
                stack.hasPropertiesAt("AWS::Lambda::EventSourceMapping", path, Map.of(
                        "EventSourceArn", Match.objectEquals(arnOf(stack.logicalId("queues/" + e.queue() + "/Resource"))),
                        "BatchSize", e.batchSize(),
                        "MaximumBatchingWindowInSeconds", (int) e.maximumBatchingWindow().toSeconds(),
                        "FunctionResponseTypes", e.reportBatchItemFailures()
                                ? Match.exact(List.of("ReportBatchItemFailures")) : Match.absent(),
                        // A SnapStart function is polled through its alias: CDK names it {function name}:live, the name cut from the alias's ARN.
                        "FunctionName", Match.objectEquals(f.snapStart() ? Map.of("Fn::Join", List.of("", List.of(
                                Map.of("Fn::Select", List.of(6, Map.of("Fn::Split", List.of(":",
                                        ref(stack.logicalId("functions/" + f.name() + "/Aliaslive/Resource")))))), ":live")))
                                : ref(function))));
            }
        }
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", mappings);
    }

    @Test
    void httpRoutes_invokeTheirFunctions_forCallersWithAVerifiedTokenOnly() {
        List<String> described = new ArrayList<>();
        for (Function f : APP.functions()) {
            String target = f.snapStart() ? stack.logicalId("functions/" + f.name() + "/Aliaslive/Resource")
                    : stack.logicalId("functions/" + f.name() + "/Resource");
            for (Function.HttpRoute r : f.httpRoutes()) {
                described.add(r.key());
                Capture integration = new Capture();
                template.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                        "RouteKey", r.key(),
                        "AuthorizationType", "JWT",
                        "AuthorizerId", Match.objectEquals(ref(stack.logicalId("api/families/Resource"))),
                        "Target", Match.objectEquals(Map.of("Fn::Join", List.of("", List.of("integrations/", Map.of("Ref", integration))))))));
                assertThat(template.findResources("AWS::ApiGatewayV2::Integration", Match.objectLike(Map.of(
                        "Properties", Match.objectLike(Map.of(
                                "IntegrationUri", Match.objectEquals(ref(target)),
                                "PayloadFormatVersion", "2.0"))))))
                        .as(r.key()).containsKey(integration.asString());
            }
        }
        assertThat(described).contains("POST /upload-url").doesNotHaveDuplicates();
        // Each described route is there (above), and no other.
        template.resourceCountIs("AWS::ApiGatewayV2::Route", described.size());
    }

    private Object expectedToken(Ref ref) {
        return ref.resolve(new Ref.Resolver<Object>() {
            public Object literal(String value) { return value; }
            public Object bucketName(String b) { return ref(stack.logicalId("buckets/" + b + "/Resource")); }
            public Object tableName(String t) { return ref(stack.logicalId("tables/" + t + "/Resource")); }
            public Object queueUrl(String q) { return ref(stack.logicalId("queues/" + q + "/Resource")); }
            public Object functionArn(String f) { throw new AssertionError("not used by ichibyo's functions yet"); }
            // A state machine's ARN is formatted from its fixed name (no reference, so no cycle); its grant is checked below.
            public Object stateMachineArn(String m) { return Match.anyValue(); }
            public Object taskDefinitionArn(String t) { throw new AssertionError("not used by ichibyo's functions yet"); }
            public Object eventBusName(String b) { return ref(stack.logicalId("buses/" + b + "/Resource")); }
        });
    }

    private static List<String> paths(String kind, Stream<String> names) {
        return names.map(n -> kind + "/" + n + "/Resource").toList();
    }

    private static List<Map<String, String>> keySchema(Table.Key partition, Table.Key sort) {
        return sort == null ? List.of(Map.of("AttributeName", partition.name(), "KeyType", "HASH"))
                : List.of(Map.of("AttributeName", partition.name(), "KeyType", "HASH"),
                        Map.of("AttributeName", sort.name(), "KeyType", "RANGE"));
    }
}
