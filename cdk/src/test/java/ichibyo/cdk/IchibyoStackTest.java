package ichibyo.cdk;

import static ichibyo.cdk.SynthesizedStack.arnOf;
import static ichibyo.cdk.SynthesizedStack.list;
import static ichibyo.cdk.SynthesizedStack.map;
import static ichibyo.cdk.SynthesizedStack.ref;
import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.EventBus;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.app.ObjectCreatedNotification;
import ichibyo.app.Queue;
import ichibyo.app.Ref;
import ichibyo.app.Schedule;
import ichibyo.app.StateMachine;
import ichibyo.app.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CDK app's template holds exactly the resources of the description that the local runtime is
 * built from ({@code local}'s DescribedResources holds the runtime to the same description), with the
 * described settings, the references resolved to the right resources, and the access that follows them.
 */
class IchibyoStackTest {

    static final AppDescription APP = Ichibyo.app();
    static SynthesizedStack stack;

    @BeforeAll
    static void synthesize() {
        // Once for the class: the first synthesis in a JVM starts node (~10 s), later ones take a fraction.
        stack = SynthesizedStack.of("Ichibyo", APP, SynthesizedStack.ARTIFACTS);
    }

    @Test
    void everyKindOfResource_isExactlyTheDescribedOnes() {
        assertThat(stack.paths("AWS::S3::Bucket")).containsExactlyInAnyOrderElementsOf(
                paths("buckets", APP.buckets().stream().map(Bucket::name)));
        assertThat(stack.paths("AWS::DynamoDB::Table")).containsExactlyInAnyOrderElementsOf(
                paths("tables", APP.tables().stream().map(Table::name)));
        assertThat(stack.paths("AWS::SQS::Queue")).containsExactlyInAnyOrderElementsOf(
                paths("queues", APP.queues().stream().map(Queue::name)));
        assertThat(stack.paths("AWS::Events::EventBus")).containsExactlyInAnyOrderElementsOf(
                paths("buses", APP.eventBuses().stream().map(EventBus::name)));
        assertThat(stack.paths("AWS::StepFunctions::StateMachine")).containsExactlyInAnyOrderElementsOf(
                paths("statemachines", APP.stateMachines().stream().map(StateMachine::name)));
        assertThat(stack.paths("AWS::Scheduler::Schedule")).containsExactlyInAnyOrderElementsOf(
                paths("schedules", APP.schedules().stream().map(Schedule::name)));
        // Besides the described functions, only the CDK's own handler that configures bucket notifications.
        assertThat(stack.paths("AWS::Lambda::Function")).filteredOn(p -> p.startsWith("functions/"))
                .containsExactlyInAnyOrderElementsOf(paths("functions", APP.functions().stream().map(Function::name)));
        assertThat(stack.paths("AWS::Lambda::Function")).filteredOn(p -> !p.startsWith("functions/"))
                .allMatch(p -> p.startsWith("BucketNotificationsHandler"));
    }

    @Test
    void tables_haveTheDescribedKeysAndIndexes_andOutliveTheStack() {
        for (Table t : APP.tables()) {
            String path = "tables/" + t.name() + "/Resource";
            Map<String, Object> p = stack.properties(path);
            assertThat(p.get("KeySchema")).isEqualTo(keySchema(t.partitionKey(), t.sortKey()));
            assertThat(p.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
            assertThat(list(p.get("GlobalSecondaryIndexes"))).extracting(i -> map(i).get("IndexName"))
                    .containsExactlyInAnyOrderElementsOf(t.indexes().stream().map(Table.GlobalIndex::name).toList());
            for (Table.GlobalIndex i : t.indexes()) {
                assertThat(list(p.get("GlobalSecondaryIndexes"))).contains(Map.of(
                        "IndexName", i.name(),
                        "KeySchema", keySchema(i.partitionKey(), i.sortKey()),
                        "Projection", Map.of("ProjectionType", "ALL")));
            }
            assertThat(p.get("TimeToLiveSpecification")).isEqualTo(t.ttlAttribute() == null ? null
                    : Map.of("AttributeName", t.ttlAttribute(), "Enabled", true));
            assertThat(stack.resource(path).get("DeletionPolicy")).isEqualTo("Retain");
        }
    }

    @Test
    void queues_haveTheDescribedTimeouts_andDeadLetterQueuesWithAnAlarm() {
        for (Queue q : APP.queues()) {
            Map<String, Object> p = stack.properties("queues/" + q.name() + "/Resource");
            assertThat(p.get("VisibilityTimeout")).isEqualTo((int) q.visibilityTimeout().toSeconds());
            assertThat(p.get("MessageRetentionPeriod")).isEqualTo((int) q.retention().toSeconds());
            if (q.deadLetter() == null) {
                assertThat(p).doesNotContainKey("RedrivePolicy");
                continue;
            }
            String dlq = stack.logicalId("queues/" + q.deadLetter().queue() + "/Resource");
            assertThat(p.get("RedrivePolicy")).isEqualTo(Map.of(
                    "deadLetterTargetArn", arnOf(dlq), "maxReceiveCount", q.deadLetter().maxReceiveCount()));
            Map<String, Object> alarm = stack.properties("queues/" + q.deadLetter().queue() + "-not-empty/Resource");
            assertThat(alarm.get("MetricName")).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "QueueName",
                    "Value", Map.of("Fn::GetAtt", List.of(dlq, "QueueName")))));
            assertThat(list(alarm.get("AlarmActions"))).containsExactly(ref(stack.logicalId("alarms/Resource")));
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
            Map<String, Object> p = stack.properties("buckets/" + b.name() + "/Notifications/Resource");
            assertThat(p.get("BucketName")).isEqualTo(ref(stack.logicalId("buckets/" + b.name() + "/Resource")));
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
            assertThat(list(map(p.get("NotificationConfiguration")).get("QueueConfigurations")))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void functions_runTheDescribedHandlersWithTheirSettings() {
        for (Function f : APP.functions()) {
            Map<String, Object> p = stack.properties("functions/" + f.name() + "/Resource");
            assertThat(p.get("Handler")).isEqualTo(f.handler() + "::handleRequest");
            assertThat(p.get("Runtime")).isEqualTo("java21");
            assertThat(p.get("Architectures")).isEqualTo(List.of("arm64"));
            assertThat(p.get("MemorySize")).isEqualTo(f.memoryMb());
            assertThat(p.get("Timeout")).isEqualTo((int) f.timeout().toSeconds());
            assertThat(p.get("EphemeralStorage")).isEqualTo(Map.of("Size", f.ephemeralStorageMb()));
            assertThat(p.get("SnapStart")).isEqualTo(f.snapStart() ? Map.of("ApplyOn", "PublishedVersions") : null);
            assertThat(p.get("Layers")).isEqualTo(f.ffmpeg() ? List.of(ref(stack.logicalId("functions/ffmpeg-layer/Resource"))) : null);
            Map<String, Object> variables = map(map(p.get("Environment")).get("Variables"));
            assertThat(variables).containsOnlyKeys(f.environment().keySet());
            f.environment().forEach((name, value) -> assertThat(variables.get(name)).as(f.name() + " " + name)
                    .isEqualTo(expectedToken(value)));
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
                Map<String, Object> p = stack.properties(path);
                assertThat(p.get("EventSourceArn")).isEqualTo(arnOf(stack.logicalId("queues/" + e.queue() + "/Resource")));
                assertThat(p.get("BatchSize")).isEqualTo(e.batchSize());
                assertThat(p.get("MaximumBatchingWindowInSeconds")).isEqualTo((int) e.maximumBatchingWindow().toSeconds());
                assertThat(p.get("FunctionResponseTypes"))
                        .isEqualTo(e.reportBatchItemFailures() ? List.of("ReportBatchItemFailures") : null);
                assertThat(p.get("FunctionName")).isEqualTo(f.snapStart()
                        ? ref(stack.logicalId("functions/" + f.name() + "/Aliaslive/Resource")) : ref(function));
            }
        }
        assertThat(stack.paths("AWS::Lambda::EventSourceMapping")).hasSize(mappings);
    }

    @Test
    void httpRoutes_invokeTheirFunctions_forSignedCallersOnly() {
        List<String> routePaths = stack.paths("AWS::ApiGatewayV2::Route");
        List<String> described = new ArrayList<>();
        for (Function f : APP.functions()) {
            String target = f.snapStart() ? stack.logicalId("functions/" + f.name() + "/Aliaslive/Resource")
                    : stack.logicalId("functions/" + f.name() + "/Resource");
            for (Function.HttpRoute r : f.httpRoutes()) {
                described.add(r.key());
                Map<String, Object> route = routePaths.stream().map(stack::properties)
                        .filter(p -> r.key().equals(p.get("RouteKey"))).findFirst().orElseThrow();
                assertThat(route.get("AuthorizationType")).isEqualTo("AWS_IAM");
                String integration = String.valueOf(route.get("Target")).replaceAll(".*Ref=([A-Za-z0-9]+).*", "$1");
                Map<String, Object> i = map(map(stack.resources().get(integration)).get("Properties"));
                assertThat(i.get("IntegrationUri")).isEqualTo(ref(target));
                assertThat(i.get("PayloadFormatVersion")).isEqualTo("2.0");
            }
        }
        assertThat(described).contains("POST /upload-url");
        assertThat(routePaths.stream().map(p -> stack.properties(p).get("RouteKey")))
                .containsExactlyInAnyOrderElementsOf(described);
    }

    @Test
    void functions_mayUseWhatTheirEnvironmentNames() {
        String bucket = stack.logicalId("buckets/" + Ichibyo.MEDIA_BUCKET + "/Resource");
        String table = stack.logicalId("tables/" + Ichibyo.CATALOG_TABLE + "/Resource");
        for (Function f : APP.functions()) {
            String policy = String.valueOf(stack.properties("functions/" + f.name() + "/ServiceRole/DefaultPolicy/Resource"));
            // upload-url presigns PUTs; score-media reads originals and writes thumbnails and catalog items.
            assertThat(policy).contains("s3:PutObject", "s3:GetObject*", bucket, "dynamodb:PutItem", "dynamodb:Query", table);
        }
        String scorer = String.valueOf(stack.properties("functions/score-media/ServiceRole/DefaultPolicy/Resource"));
        assertThat(scorer).contains("sqs:ReceiveMessage", "sqs:DeleteMessage",
                stack.logicalId("queues/" + Ichibyo.SCORE_MEDIA_QUEUE + "/Resource"));
    }

    private Object expectedToken(Ref ref) {
        return ref.resolve(new Ref.Resolver<Object>() {
            public Object literal(String value) { return value; }
            public Object bucketName(String b) { return ref(stack.logicalId("buckets/" + b + "/Resource")); }
            public Object tableName(String t) { return ref(stack.logicalId("tables/" + t + "/Resource")); }
            public Object queueUrl(String q) { return ref(stack.logicalId("queues/" + q + "/Resource")); }
            public Object functionArn(String f) { throw new AssertionError("not used by ichibyo's functions yet"); }
            public Object stateMachineArn(String m) { throw new AssertionError("not used by ichibyo's functions yet"); }
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
