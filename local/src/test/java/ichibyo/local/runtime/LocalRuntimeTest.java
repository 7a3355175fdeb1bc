package ichibyo.local.runtime;

import ichibyo.core.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.EventBus;
import ichibyo.app.FargateTask;
import ichibyo.app.Function;
import ichibyo.app.ObjectCreatedNotification;
import ichibyo.app.Queue;
import ichibyo.app.Ref;
import ichibyo.app.Schedule;
import ichibyo.app.StateMachine;
import ichibyo.app.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import ichibyo.local.runtime.scheduler.LocalScheduler;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The local runtime with real embedded services, driven through the AWS SDK as an app would. */
public class LocalRuntimeTest {

    static final ObjectMapper JSON = Json.mapper();
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    static Path data;
    /** Where the test state machines are ({@code statemachines/} under it). */
    static final Path REPO = Path.of("src/test/resources");
    static LocalRuntime runtime;

    /** A small app with short timeouts, so that redelivery and dead-lettering take seconds. */
    public static AppDescription testApp() {
        return new AppDescription(
                List.of(Bucket.of("uploads")),
                List.of(new Table("items", Table.Key.string("pk"), Table.Key.string("sk"),
                        List.of(new Table.GlobalIndex("by-score", Table.Key.string("g1pk"), Table.Key.number("g1sk"))), "expiresAt")),
                List.of(new Queue("uploads-events", Duration.ofSeconds(30), Duration.ofDays(1), null),
                        new Queue("work", Duration.ofSeconds(1), Duration.ofDays(1), new Queue.DeadLetter("work-dlq", 2)),
                        Queue.deadLetterQueue("work-dlq")),
                List.of(new ObjectCreatedNotification("uploads", "in/", ".jpg", "uploads-events")),
                List.of(new StateMachine("hello", "statemachines/hello.asl.json", StateMachine.Type.STANDARD,
                                Map.of("Greeting", Ref.literal("hello from a substitution"))),
                        new StateMachine("fan-out", "statemachines/fan-out.asl.json", StateMachine.Type.STANDARD,
                                Map.of("FlakyArn", Ref.functionArn("flaky"))),
                        new StateMachine("distributed", "statemachines/distributed.asl.json", StateMachine.Type.STANDARD, Map.of()),
                        new StateMachine("failing", "statemachines/failing.asl.json", StateMachine.Type.STANDARD, Map.of()),
                        new StateMachine("task", "statemachines/task.asl.json", StateMachine.Type.STANDARD,
                                Map.of("RenderTask", Ref.taskDefinitionArn("render")))),
                List.of(new Function("worker", FailingRecordHandler.class.getName(), 256, Duration.ofSeconds(10), Map.of(),
                                List.of(new Function.SqsEventSource("work", 10, Duration.ofMillis(500), true))),
                        new Function("flaky", FlakyHandler.class.getName(), 256, Duration.ofSeconds(10), Map.of(), List.of())),
                // The task's environment names a bucket: it must arrive resolved, in the child process.
                List.of(new FargateTask("render", List.of("sh", "-c", "test \"$MEDIA_BUCKET\" = uploads && test -f statemachines/task.asl.json"),
                        Map.of("MEDIA_BUCKET", Ref.bucketName("uploads")), 2048, 4096)),
                List.of(new Schedule("nightly", "cron(0 3 * * ? *)", "Asia/Tokyo", "hello", "{\"edition\":\"nightly\"}", 15)),
                List.of(new EventBus("app-events")));
    }

    @BeforeAll
    static void start() {
        RuntimeOptions options = new RuntimeOptions(testApp(), data, false, REPO, 0, 0, 0, 0, 0, 0);
        runtime = LocalRuntime.start(options);
        System.out.println("local runtime started in " + runtime.startupTime().toMillis() + " ms: " + runtime.startupPhases());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void start_createsExactlyTheDescribedResources() {
        DescribedResources.assertCreated(runtime);
        var items = runtime.dynamoDb().describeTable(r -> r.tableName("items")).table();
        assertThat(items.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly("by-score");
        assertThat(runtime.dynamoDb().describeTimeToLive(r -> r.tableName("items")).timeToLiveDescription().attributeName())
                .isEqualTo("expiresAt");
        var work = runtime.sqs().getQueueAttributes(r -> r.queueUrl(runtime.names().queueUrl("work"))
                .attributeNamesWithStrings("All")).attributesAsStrings();
        assertThat(work.get("VisibilityTimeout")).isEqualTo("1");
        assertThat(work.get("RedrivePolicy")).contains("work-dlq").contains("2");
    }

    @Test
    void putObject_sendsTheS3EventToTheQueue_withTheKeyEncodedAsS3Does() throws Exception {
        String key = "in/family 1/a photo (1).JPG"; // upper-case suffix still matches ".jpg"
        byte[] bytes = "not really a jpeg".getBytes();
        String eTag = runtime.s3().putObject(r -> r.bucket("uploads").key(key), RequestBody.fromBytes(bytes)).eTag();
        runtime.s3().putObject(r -> r.bucket("uploads").key("elsewhere/b.jpg"), RequestBody.fromString("x")); // no match

        JsonNode record = receiveS3Event("in/family+1/a+photo+%281%29.JPG");
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.at("/s3/bucket/name").asText()).isEqualTo("uploads");
        assertThat(record.at("/s3/bucket/arn").asText()).isEqualTo("arn:aws:s3:::uploads");
        assertThat(record.at("/s3/object/size").asLong()).isEqualTo(bytes.length);
        assertThat(record.at("/s3/object/eTag").asText()).isEqualTo(eTag.replace("\"", ""));
        assertThat(record.at("/s3/object/sequencer").asText()).isNotBlank();
    }

    @Test
    void copyAndMultipartComplete_sendTheirOwnEventNames() throws Exception {
        runtime.s3().putObject(r -> r.bucket("uploads").key("staging/c.jpg"), RequestBody.fromString("copy me"));
        runtime.s3().copyObject(r -> r.sourceBucket("uploads").sourceKey("staging/c.jpg").destinationBucket("uploads").destinationKey("in/copied.jpg"));
        assertThat(receiveS3Event("in/copied.jpg").path("eventName").asText()).isEqualTo("ObjectCreated:Copy");

        String uploadId = runtime.s3().createMultipartUpload(r -> r.bucket("uploads").key("in/multi.jpg")).uploadId();
        String partETag = runtime.s3().uploadPart(r -> r.bucket("uploads").key("in/multi.jpg").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("one part")).eTag();
        runtime.s3().completeMultipartUpload(r -> r.bucket("uploads").key("in/multi.jpg").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(partETag).build())));
        JsonNode multi = receiveS3Event("in/multi.jpg");
        assertThat(multi.path("eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(multi.at("/s3/object/size").asLong()).isEqualTo("one part".length());
    }

    @Test
    void presignedPut_sendsTheS3EventToo() throws Exception {
        try (var presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
                .endpointOverride(runtime.endpoints().s3()).region(Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY)))
                .build()) {
            java.net.URL url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("uploads").key("in/presigned.jpg"))).url();
            var http = (java.net.HttpURLConnection) url.openConnection();
            http.setRequestMethod("PUT");
            http.setDoOutput(true);
            http.getOutputStream().write("uploaded by a phone".getBytes());
            assertThat(http.getResponseCode()).isEqualTo(200);
        }
        JsonNode record = receiveS3Event("in/presigned.jpg");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.at("/s3/object/size").asLong()).isEqualTo("uploaded by a phone".length());
    }

    private final List<JsonNode> seenS3Events = new ArrayList<>();

    /** Receives from the notification queue until the event for {@code encodedKey} arrives. */
    private JsonNode receiveS3Event(String encodedKey) throws Exception {
        String url = runtime.names().queueUrl("uploads-events");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode seen : seenS3Events) {
                if (seen.at("/s3/object/key").asText().equals(encodedKey)) {
                    return seen;
                }
            }
            for (Message m : runtime.sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)).messages()) {
                JsonNode records = JSON.readTree(m.body()).path("Records");
                assertThat(records).hasSize(1);
                seenS3Events.add(records.get(0));
                assertThat(records.get(0).at("/s3/object/key").asText()).doesNotStartWith("elsewhere/");
                runtime.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        throw new AssertionError("no S3 event for " + encodedKey + "; saw " + seenS3Events);
    }

    @Test
    void partialBatchFailure_redeliversOnlyTheFailedRecord_thenItLandsInTheDeadLetterQueue() throws Exception {
        String work = runtime.names().queueUrl("work");
        for (String body : List.of("ok-1", "ok-2", "poison-1")) {
            runtime.sqs().sendMessage(r -> r.queueUrl(work).messageBody(body));
        }
        String dlq = runtime.names().queueUrl("work-dlq");
        List<Message> dead = eventually(Duration.ofSeconds(30), () -> {
            List<Message> m = runtime.sqs().receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1)).messages();
            return m.isEmpty() ? null : m;
        });
        assertThat(dead).extracting(Message::body).containsExactly("poison-1");
        assertThat(FailingRecordHandler.RECEIVED).filteredOn(b -> b.equals("ok-1")).hasSize(1);
        assertThat(FailingRecordHandler.RECEIVED).filteredOn(b -> b.equals("ok-2")).hasSize(1);
        assertThat(FailingRecordHandler.RECEIVED).filteredOn(b -> b.equals("poison-1")).hasSize(2); // maxReceiveCount
        @SuppressWarnings("unchecked")
        Map<String, Object> record = ((List<Map<String, Object>>) FailingRecordHandler.EVENTS.peek().get("Records")).get(0);
        assertThat(record).containsEntry("eventSource", "aws:sqs")
                .containsEntry("eventSourceARN", runtime.names().queueArn("work"))
                .containsKeys("messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody", "awsRegion");
        assertThat(record.get("attributes").toString()).contains("ApproximateReceiveCount");
    }

    @Test
    void fargateTask_runsAsAChildProcess_withItsResolvedEnvironment_fromTheRepositoryRoot() throws Exception {
        String arn = runtime.sfn().startExecution(r -> r.stateMachineArn(runtime.names().stateMachineArn("task")).input("{}")).executionArn();
        var done = eventually(Duration.ofSeconds(20), () -> {
            var d = runtime.sfn().describeExecution(r -> r.executionArn(arn));
            return d.statusAsString().equals("RUNNING") ? null : d;
        });
        assertThat(done.statusAsString()).as(done.error() + " " + done.cause()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(done.output()).path("exitCode").asInt()).isZero();
    }

    @Test
    void scheduleFiredNow_startsAnExecutionWithItsInput() throws Exception {
        String arn = runtime.scheduler().fireNow("nightly").executionArn();
        var done = eventually(Duration.ofSeconds(10), () -> {
            var d = runtime.sfn().describeExecution(r -> r.executionArn(arn));
            return d.statusAsString().equals("RUNNING") ? null : d;
        });
        assertThat(done.statusAsString()).isEqualTo("SUCCEEDED");
        JsonNode output = JSON.readTree(done.output());
        assertThat(output.path("greeting").asText()).isEqualTo("hello from a substitution");
        assertThat(output.at("/input/edition").asText()).isEqualTo("nightly");
    }

    @Test
    void atSchedule_firesByItselfAtItsTime_andStartsTheExecution() throws Exception {
        // A schedule created now for a second ahead (the runtime's own schedules were created at its start).
        String soon = LocalDateTime.now(TOKYO).plusSeconds(2).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        Schedule at = new Schedule("soon", "at(" + soon + ")", "Asia/Tokyo", "hello", "{\"edition\":\"soon\"}", 0);
        try (LocalScheduler scheduler = new LocalScheduler(List.of(at), (machine, input) -> runtime.sfn().startExecution(
                r -> r.stateMachineArn(runtime.names().stateMachineArn(machine)).input(input)).executionArn(), Clock.systemUTC()).start()) {
            LocalScheduler.Firing firing = eventually(Duration.ofSeconds(15),
                    () -> scheduler.firings().isEmpty() ? null : scheduler.firings().get(0));
            assertThat(firing.error()).isNull();
            assertThat(runtime.sfn().describeExecution(r -> r.executionArn(firing.executionArn())).input()).contains("soon");
            assertThat(scheduler.next("soon")).isEmpty();
        }
    }

    @Test
    void putEvents_onTheBus_areRecordedAndListed() {
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(runtime.endpoints().events())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            var response = events.putEvents(r -> r.entries(e -> e.eventBusName("app-events").source("ichibyo.delivery")
                    .detailType("MovieDelivered").detail("{\"familyId\":\"f1\"}")));
            assertThat(response.failedEntryCount()).isZero();
        }
        assertThat(runtime.events("app-events")).singleElement().satisfies(e -> {
            assertThat(e.path("detail-type").asText()).isEqualTo("MovieDelivered");
            assertThat(e.at("/detail/familyId").asText()).isEqualTo("f1");
        });
    }

    /** The AWS CLIs on this machine: the one on PATH, and Debian's when it is a different one. */
    static List<String> awsClis() {
        List<String> clis = new ArrayList<>();
        for (String candidate : List.of("aws", "/usr/bin/aws")) {
            try {
                Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                String version = new String(p.getInputStream().readAllBytes()).trim();
                if (p.waitFor() == 0 && clis.stream().noneMatch(c -> c.endsWith(version))) {
                    clis.add(candidate + "\t" + version);
                }
            } catch (IOException | InterruptedException e) {
                // not installed
            }
        }
        return clis;
    }

    /** Runs the AWS CLI the way a user would after 'up', with --endpoint-url (CLI 2.9 ignores AWS_ENDPOINT_URL_*). */
    static JsonNode aws(String cli, java.net.URI endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(cli, "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().putAll(runtime.endpoints().environment());
        pb.environment().put("AWS_CONFIG_FILE", data.resolve("no-aws-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", data.resolve("no-aws-credentials").toString());
        pb.environment().put("AWS_PAGER", "");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor()).as("%s %s: %s", cli, String.join(" ", args), err).isZero();
        return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
    }

    @Test
    void awsCli_putObject_andReceiveItsS3Event_andListStateMachines() throws Exception {
        List<String> clis = awsClis();
        org.junit.jupiter.api.Assumptions.assumeFalse(clis.isEmpty(), "no AWS CLI installed");
        System.out.println("AWS CLIs: " + clis);
        Path photo = Files.writeString(data.resolve("cli photo.jpg"), "jpeg bytes");
        for (String entry : clis) {
            String cli = entry.split("\t")[0];
            String key = "in/cli/" + (clis.indexOf(entry) + 1) + " photo.jpg";
            aws(cli, runtime.endpoints().s3(), "s3api", "put-object", "--bucket", "uploads", "--key", key, "--body", photo.toString());
            JsonNode record = receiveS3Event(S3EventJsonKey(key));
            assertThat(record.path("eventName").asText()).as(entry).isEqualTo("ObjectCreated:Put");
            assertThat(record.at("/s3/object/size").asLong()).isEqualTo(Files.size(photo));

            JsonNode machines = aws(cli, runtime.endpoints().sfn(), "stepfunctions", "list-state-machines");
            assertThat(machines.path("stateMachines").findValuesAsText("name")).as(entry).contains("hello");
            JsonNode queues = aws(cli, runtime.endpoints().sqs(), "sqs", "list-queues");
            assertThat(queues.path("QueueUrls").toString()).as(entry).contains("work-dlq");
        }
    }

    private static String S3EventJsonKey(String key) {
        return ichibyo.local.runtime.s3events.S3EventJson.encodeKey(key);
    }

    static <T> T eventually(Duration timeout, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nothing after " + timeout);
    }
}
