package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.AppDescription;
import ichibyo.app.Ichibyo;
import ichibyo.app.Ref;
import ichibyo.app.StateMachine;
import ichibyo.core.Json;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The encoding workflow's promises when things go wrong, on the local runtime with real FFmpeg: the scheduled rescue
 * settles a job whose execution was stopped under it; a job that fails after its retries is announced and alerted, and
 * places nothing; a Fargate chunk that hangs (its process frozen) is failed by its heartbeat timeout and rerun; a
 * profile changed through {@code PUT /profiles/{id}} is the next job's and not the running one's.
 *
 * <p>The Fargate chunk's HeartbeatSeconds comes from the description's {@code EncodeHeartbeatSeconds} (120 on AWS),
 * set to {@value #HEARTBEAT_SECONDS} here. Only chunks of more than {@value #FARGATE_ABOVE} megapixel-frames go to
 * Fargate: of the tests' profile sets, only the hung-chunk test's 234p profile has one (its 75-frame chunk).
 */
class EncodeReliabilityEndToEndTest {
    static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Long enough for a task JVM to start and send its first beat on a busy machine; short enough for a quick test. */
    static final int HEARTBEAT_SECONDS = 20;
    static final double FARGATE_ABOVE = 4.0;
    static final String CHUNKS = "\"chunkLimits\":{\"minSeconds\":1,\"targetSeconds\":2,\"maxSeconds\":4}";

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LocalRuntime runtime;
    /** Three scenes (2, 2.5 and 1.5 s) at 320×180 and 30 fps with a tone: 180 frames, chunks of 60, 75 and 45 frames. */
    static Path master;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeOptions.of(data).withApp(withHeartbeat(
                EncodeEndToEndTest.withFargateAbove(Ichibyo.app(), FARGATE_ABOVE), HEARTBEAT_SECONDS)));
        master = work.resolve("master.mp4");
        FfmpegRunner.local().ffmpeg(List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2",
                "-f", "lavfi", "-i", "smptebars=size=320x180:rate=30:duration=2.5",
                "-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=30,trim=duration=1.5",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6",
                "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]", "-map", "3:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "16", "-c:a", "aac", "-y", master.toString()), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close(); // also kills the frozen task of the hung-chunk test
        }
    }

    /** The encode state machine with another EncodeHeartbeatSeconds: configuration, the definition file unchanged. */
    static AppDescription withHeartbeat(AppDescription app, int seconds) {
        List<StateMachine> machines = app.stateMachines().stream().map(m -> {
            if (!m.name().equals(Ichibyo.ENCODE)) {
                return m;
            }
            Map<String, Ref> s = new java.util.HashMap<>(m.substitutions());
            s.put("EncodeHeartbeatSeconds", Ref.literal(Integer.toString(seconds)));
            return new StateMachine(m.name(), m.definitionFile(), m.type(), s, m.access());
        }).toList();
        return new AppDescription(app.buckets(), app.tables(), app.queues(), app.notifications(), machines, app.functions(), app.tasks(),
                app.schedules(), app.eventBuses(), app.topics(), app.eventRules());
    }

    @Test
    void aJobWhoseExecutionWasStopped_isSettledFailedByTheScheduledRescue_andAnnounced() throws Exception {
        putSet("rescue-144p", profile("rescue-144p", "veryfast", 256, 144));
        upload("film-stopped");
        HttpResponse<String> started = post("{\"contentId\":\"film-stopped\",\"profileSet\":\"rescue-144p\"," + CHUNKS + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = Json.mapper().readTree(started.body()).path("jobId").asText();
        String arn = Json.mapper().readTree(started.body()).path("executionArn").asText();
        // The record says RUNNING once the master is probed: stop the execution under it, as an operator's StopExecution
        // or a redeploy would. Its failure path does not run: the log and the execution now disagree.
        awaitLog(jobId, log -> log.path("status").asText().equals("RUNNING"));
        runtime.sfn().stopExecution(r -> r.executionArn(arn).cause("stopped by the test"));
        assertThat(await(arn).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(log(jobId).path("status").asText()).isEqualTo("RUNNING");

        var firing = runtime.scheduler().fireNow(Ichibyo.RESCUE_ENCODES);
        DescribeExecutionResponse rescue = await(firing.executionArn());
        assertThat(rescue.status()).as("%s %s", rescue.error(), rescue.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode swept = Json.mapper().readTree(rescue.output());
        assertThat(swept.path("settledJobs")).extracting(JsonNode::asText).contains(jobId);

        JsonNode log = log(jobId);
        assertThat(log.path("status").asText()).isEqualTo("FAILED");
        assertThat(log.path("error").asText()).isEqualTo("Execution.Aborted");
        assertThat(log.path("settledBy").asText()).isEqualTo("rescue-encodes");
        assertThat(log.path("endedAt").asText()).isNotEmpty();
        // No chunk is left RUNNING under an ended execution.
        assertThat(log.path("tasks")).allSatisfy(t -> assertThat(t.path("status").asText()).isNotEqualTo("RUNNING"));
        assertThat(runtime.events()).filteredOn(e -> e.path("detail-type").asText().equals("EncodeFailed"))
                .anySatisfy(e -> {
                    assertThat(e.path("detail").path("jobId").asText()).isEqualTo(jobId);
                    assertThat(e.path("detail").path("settledBy").asText()).isEqualTo("rescue-encodes");
                });
        assertThat(alerts()).anySatisfy(event -> assertThat(event.path("detail").path("jobId").asText()).isEqualTo(jobId));

        // A second sweep finds nothing more to settle of it.
        JsonNode again = Json.mapper().readTree(await(runtime.scheduler().fireNow(Ichibyo.RESCUE_ENCODES).executionArn()).output());
        assertThat(again.path("settledJobs")).extracting(JsonNode::asText).doesNotContain(jobId);
    }

    /**
     * A profile set whose one profile asks x264 for a preset it does not have: every chunk fails, each is tried 4 times
     * (3 retries with backoff), then the job fails: EncodeFailed is put on the bus, the alert rule publishes it to the
     * alert topic (recorded locally, SNS on AWS), and nothing is placed under deliveries/.
     */
    @Test
    void aJobFailingAfterItsRetries_isAnnouncedAndAlerted_andPlacesNothing() throws Exception {
        putSet("alert-144p", profile("alert-144p", "bogus", 256, 144));
        upload("film-alert");
        HttpResponse<String> started = post("{\"contentId\":\"film-alert\",\"profileSet\":\"alert-144p\"," + CHUNKS + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = Json.mapper().readTree(started.body()).path("jobId").asText();
        DescribeExecutionResponse done = await(Json.mapper().readTree(started.body()).path("executionArn").asText());
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("ichibyo.core.media.exceptions.FfmpegFailedException");

        assertThat(log(jobId).path("tasks")).anySatisfy(t -> assertThat(t.path("attempts").asInt()).isEqualTo(4));
        assertThat(runtime.events(Ichibyo.EVENT_BUS)).filteredOn(e -> e.path("detail-type").asText().equals("EncodeFailed"))
                .anySatisfy(e -> assertThat(e.path("detail").path("jobId").asText()).isEqualTo(jobId));
        assertThat(alerts()).anySatisfy(event -> {
            assertThat(event.path("source").asText()).isEqualTo("ichibyo.encode");
            assertThat(event.path("detail").path("jobId").asText()).isEqualTo(jobId);
            assertThat(event.path("detail").path("error").asText()).isEqualTo("ichibyo.core.media.exceptions.FfmpegFailedException");
        });
        assertThat(runtime.s3().listObjectsV2(l -> l.bucket(Ichibyo.MEDIA_BUCKET).prefix("deliveries/film-alert/")).contents()).isEmpty();
        // Only failures are alerts: no EncodeCompleted reaches the topic.
        assertThat(alerts()).allSatisfy(event -> assertThat(event.path("detail-type").asText()).isEqualTo("EncodeFailed"));
    }

    /** The events the alert topic got: each message is an event, whole, as the rule's SNS target delivers it. */
    static List<JsonNode> alerts() throws IOException {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (JsonNode message : runtime.topicMessages(Ichibyo.ENCODE_ALERTS_TOPIC)) {
            events.add(Json.mapper().readTree(message.path("Message").asText()));
        }
        // Recorded under the data directory too, one message a line.
        assertThat(Files.readAllLines(data.resolve("topics/" + Ichibyo.ENCODE_ALERTS_TOPIC + ".jsonl"))).hasSize(events.size());
        return events;
    }

    /**
     * The 234p chunk of 75 frames runs on the Fargate task, a child process: once its encoder has started, the whole task
     * is frozen (SIGSTOP, as a hung host or a stuck container), so its heartbeats stop. After HeartbeatSeconds the state
     * fails with States.HeartbeatTimeout, its Retry runs the chunk again on a new task, and the job succeeds; the work log
     * counts both attempts.
     */
    @Test
    void aFargateChunkThatHangs_isFailedByItsHeartbeatTimeout_rerun_andTheJobSucceeds() throws Exception {
        putSet("hang-234p", profile("hang-234p", "medium", 416, 234));
        upload("film-hung");
        HttpResponse<String> started = post("{\"contentId\":\"film-hung\",\"profileSet\":\"hang-234p\"," + CHUNKS + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = Json.mapper().readTree(started.body()).path("jobId").asText();
        String arn = Json.mapper().readTree(started.body()).path("executionArn").asText();

        ProcessHandle frozen = freezeFirstEncodingTask();
        DescribeExecutionResponse done = await(arn);
        assertThat(frozen.isAlive()).as("the frozen task stays frozen: nothing but its heartbeat timeout rescues the chunk").isTrue();
        assertThat(done.status()).as("%s %s; task logs:%n%s", done.error(), done.cause(), taskLogs()).isEqualTo(ExecutionStatus.SUCCEEDED);

        // The chunks run as the Distributed Map's child executions: their tasks are in the children's histories.
        List<HistoryEvent> history = new java.util.ArrayList<>();
        for (var mapRun : runtime.sfn().listMapRuns(r -> r.executionArn(arn)).mapRuns()) {
            for (var child : runtime.sfn().listExecutions(r -> r.mapRunArn(mapRun.mapRunArn()).maxResults(1000)).executions()) {
                history.addAll(runtime.sfn().getExecutionHistory(r -> r.executionArn(child.executionArn()).maxResults(1000)).events());
            }
        }
        assertThat(history).filteredOn(e -> e.type() == HistoryEventType.TASK_TIMED_OUT).singleElement()
                .satisfies(e -> assertThat(e.taskTimedOutEventDetails().error()).isEqualTo("States.HeartbeatTimeout"));
        assertThat(history).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED && e.taskScheduledEventDetails().resourceType().equals("ecs"))
                .allSatisfy(e -> assertThat(e.taskScheduledEventDetails().heartbeatInSeconds()).isEqualTo((long) HEARTBEAT_SECONDS))
                .hasSize(2);
        JsonNode log = log(jobId);
        assertThat(log.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(log.path("tasks")).anySatisfy(t -> {
            assertThat(t.path("chunk").asInt()).isEqualTo(1);
            assertThat(t.path("ranOn").asText()).isEqualTo("fargate:encode-chunk");
            assertThat(t.path("attempts").asInt()).as("the hung attempt and the one that finished").isEqualTo(2);
            assertThat(t.path("status").asText()).isEqualTo("DONE");
        });
        assertThat(log.path("outputs")).singleElement().satisfies(o -> {
            assertThat(o.path("passed").asBoolean()).isTrue();
            assertThat(o.path("frames").asInt()).isEqualTo(180);
        });
    }

    /**
     * {@code PUT /profiles/{id}} while a job that uses the profile runs: the profile's next version and its set's next
     * version are stored; the running job finishes with the version it pinned (144p), the next job of the same content
     * takes the set's new version, a job of its own, and encodes with the changed profile (108p).
     */
    @Test
    void aProfileChangedThroughTheApi_isUsedByTheNextJob_andNotByTheRunningOne() throws Exception {
        putSet("pin-set", profile("pin-144p", "veryfast", 256, 144));
        upload("film-pin");
        HttpResponse<String> first = post("{\"contentId\":\"film-pin\",\"profileSet\":\"pin-set\"," + CHUNKS + "}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String firstJob = Json.mapper().readTree(first.body()).path("jobId").asText();
        String firstArn = Json.mapper().readTree(first.body()).path("executionArn").asText();
        awaitLog(firstJob, log -> log.path("status").asText().equals("RUNNING"));

        HttpResponse<String> changed = send("PUT", "/profiles/pin-144p", profile("pin-144p", "veryfast", 192, 108));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode stored = Json.mapper().readTree(changed.body());
        assertThat(stored.path("profile").path("version").asInt()).isEqualTo(2);
        assertThat(stored.path("profileSets")).singleElement().satisfies(set -> {
            assertThat(set.path("name").asText()).isEqualTo("pin-set");
            assertThat(set.path("version").asInt()).isEqualTo(2);
        });
        assertThat(runtime.sfn().describeExecution(r -> r.executionArn(firstArn)).status())
                .as("the change lands while the first job runs").isEqualTo(ExecutionStatus.RUNNING);

        DescribeExecutionResponse firstDone = await(firstArn);
        assertThat(firstDone.status()).as("%s %s", firstDone.error(), firstDone.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.mapper().readTree(firstDone.output()).path("outputs")).singleElement().satisfies(o -> {
            assertThat(o.path("profileVersion").asInt()).isEqualTo(1);
            assertThat(o.path("height").asInt()).isEqualTo(144);
        });

        HttpResponse<String> next = post("{\"contentId\":\"film-pin\",\"profileSet\":\"pin-set\"," + CHUNKS + "}");
        assertThat(next.statusCode()).as("a new job, not the first one again: %s", next.body()).isEqualTo(202);
        assertThat(Json.mapper().readTree(next.body()).path("jobId").asText()).isEqualTo("film-pin-pin-set-v2");
        DescribeExecutionResponse nextDone = await(Json.mapper().readTree(next.body()).path("executionArn").asText());
        assertThat(nextDone.status()).as("%s %s", nextDone.error(), nextDone.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.mapper().readTree(nextDone.output()).path("outputs")).singleElement().satisfies(o -> {
            assertThat(o.path("profileVersion").asInt()).isEqualTo(2);
            assertThat(o.path("height").asInt()).isEqualTo(108);
            assertThat(o.path("width").asInt()).isEqualTo(192);
        });
    }

    @Test
    void putProfiles_refusesBadProfiles_byName_andCallersWhoAreNotOperators() throws Exception {
        HttpResponse<String> gop = send("PUT", "/profiles/refused-144p", profile("refused-144p", "veryfast", 256, 144).replace("\"gopSeconds\":2", "\"gopSeconds\":0"));
        assertThat(gop.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(gop.body()).path("error").asText()).isEqualTo("InvalidProfile");
        assertThat(gop.body()).contains("gopSeconds");
        HttpResponse<String> mismatch = send("PUT", "/profiles/other-144p", profile("refused-144p", "veryfast", 256, 144));
        assertThat(Json.mapper().readTree(mismatch.body()).path("error").asText()).isEqualTo("ProfileIdMismatch");
        assertThat(send("PUT", "/profiles/refused-144p", "not json").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/profiles/refused-144p", "{\"preset\":\"" + "x".repeat(9000) + "\"}").statusCode()).isEqualTo(413);
        assertThat(send("PUT", "/profiles/Not_An_Id", profile("refused-144p", "veryfast", 256, 144)).statusCode()).isEqualTo(400);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> family = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + "/profiles/refused-144p"))
                    .header("Authorization", "Bearer " + runtime.tokens().issue("tanaka-haruto"))
                    .PUT(HttpRequest.BodyPublishers.ofString(profile("refused-144p", "veryfast", 256, 144))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(family.statusCode()).isEqualTo(403);
        }
    }

    /** Waits for the first encode-chunk task's encoder (ffmpeg, a child of the task's JVM), then stops the task's whole tree. */
    static ProcessHandle freezeFirstEncodingTask() throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> task = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("ichibyo-tasks.jar"))
                    .filter(p -> p.children().anyMatch(c -> c.info().command().orElse("").contains("ffmpeg")))
                    .findFirst();
            if (task.isPresent()) {
                List<String> pids = new java.util.ArrayList<>(List.of(Long.toString(task.get().pid())));
                task.get().descendants().forEach(d -> pids.add(Long.toString(d.pid())));
                List<String> command = new java.util.ArrayList<>(List.of("kill", "-STOP"));
                command.addAll(pids);
                assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
                return task.get();
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no encode-chunk task started its encoder; logs:\n" + taskLogs());
    }

    static String taskLogs() throws IOException {
        Path dir = data.resolve("logs/ecs/" + Ichibyo.ENCODE_CHUNK_TASK);
        if (!Files.isDirectory(dir)) {
            return "(none)";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.toList()) {
                all.append("--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        }
        return all.toString();
    }

    static String profile(String id, String preset, int maxWidth, int maxHeight) {
        return "{\"id\":\"" + id + "\",\"version\":1,\"codec\":\"H264\",\"maxWidth\":" + maxWidth + ",\"maxHeight\":" + maxHeight
                + ",\"frameRate\":0,\"rateControl\":{\"mode\":\"CRF\",\"crf\":28},\"gopSeconds\":2,\"preset\":\"" + preset
                + "\",\"container\":\"MP4\"}";
    }

    static void putSet(String name, String... profiles) throws Exception {
        HttpResponse<String> stored = send("PUT", "/profile-sets", "{\"name\":\"" + name + "\",\"description\":\"" + name + "\",\"profiles\":["
                + String.join(",", profiles) + "]}");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    }

    static void upload(String contentId) {
        runtime.s3().putObject(p -> p.bucket(Ichibyo.MEDIA_BUCKET).key("masters/" + contentId + "/master.mp4"), RequestBody.fromFile(master));
    }

    static HttpResponse<String> post(String body) throws Exception {
        return send("POST", "/encodes", body);
    }

    static JsonNode log(String jobId) throws Exception {
        HttpResponse<String> log = send("GET", "/encodes?jobId=" + jobId, null);
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        return Json.mapper().readTree(log.body());
    }

    static JsonNode awaitLog(String jobId, java.util.function.Predicate<JsonNode> until) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            HttpResponse<String> log = send("GET", "/encodes?jobId=" + jobId, null);
            if (log.statusCode() == 200 && until.test(Json.mapper().readTree(log.body()))) {
                return Json.mapper().readTree(log.body());
            }
            assertThat(Instant.now()).as("work log of %s: %s", jobId, log.body()).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    static HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.endpoints().api() + pathAndQuery))
                    .header("Authorization", "Bearer " + runtime.tokens().issueOperator("encode-operator"))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static DescribeExecutionResponse await(String arn) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            DescribeExecutionResponse d = runtime.sfn().describeExecution(r -> r.executionArn(arn));
            if (d.status() != ExecutionStatus.RUNNING) {
                return d;
            }
            assertThat(Instant.now()).as("execution %s still running", arn).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
