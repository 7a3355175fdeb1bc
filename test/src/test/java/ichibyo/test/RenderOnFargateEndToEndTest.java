package ichibyo.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.AppDescription;
import ichibyo.app.Bucket;
import ichibyo.app.FargateTask;
import ichibyo.app.Ref;
import ichibyo.app.StateMachine;
import ichibyo.core.Json;
import ichibyo.core.media.FfmpegRunner;
import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaProbe;
import ichibyo.core.render.Aspect;
import ichibyo.core.render.Clip;
import ichibyo.core.render.EditionStyle;
import ichibyo.core.render.Output;
import ichibyo.core.render.RenderPlan;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The render step as a Fargate task on the local runtime: a state machine runs
 * {@code ecs:runTask.waitForTaskToken}, the emulator starts the task definition's command
 * ({@code scripts/run-task render}, the shaded tasks jar) as a child process with the container overrides,
 * and the task renders a plan of generated clips from S3, beats, and completes the state with its result.
 * A task killed outright stops beating: the state's HeartbeatSeconds fails it with States.HeartbeatTimeout
 * and its Retry reruns it; a task stopped with SIGTERM (a Spot interruption) reports Task.Interrupted itself,
 * at once.
 *
 * <p>Needs {@code tasks/target/ichibyo-tasks.jar}: in a reactor build ({@code ./mvnw -pl test -am package} or
 * {@code verify}) the tasks module is packaged before these tests run.
 */
class RenderOnFargateEndToEndTest {
    private static final String BUCKET = "fargate-media";
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    /** 3 clips of 1 s at 30 fps joined by crossfades of 0.25 s in whole frames (8): 74 frames. */
    private static final double PLANNED_SECONDS = (3 * 30 - 2 * 8) / 30.0;

    @TempDir
    static Path data;
    @TempDir
    static Path media;
    static LocalRuntime runtime;
    static String machineArn;

    static AppDescription app() {
        FargateTask render = FargateTask.taskMain("render", Map.of("MEDIA_BUCKET", Ref.bucketName(BUCKET)), 2048, 4096).withSpot(true);
        return new AppDescription(List.of(Bucket.of(BUCKET)), List.of(), List.of(), List.of(),
                List.of(new StateMachine("render-on-fargate", "test/src/test/resources/statemachines/render-on-fargate.asl.json",
                        StateMachine.Type.STANDARD, Map.of(
                                "ClusterArn", Ref.clusterArn(),
                                "RenderTaskDefinition", Ref.taskDefinitionArn("render"),
                                "RenderCapacityProvider", Ref.capacityProvider("render"),
                                "RenderContainer", Ref.literal(render.containerName()),
                                "TaskSubnets", Ref.taskSubnets(),
                                "TaskSecurityGroup", Ref.taskSecurityGroup()))),
                List.of(), List.of(render), List.of(), List.of());
    }

    @BeforeAll
    static void start() throws IOException {
        RuntimeOptions options = RuntimeOptions.of(data).withApp(app());
        Path jar = options.repositoryRoot().resolve("tasks/target/ichibyo-tasks.jar");
        assertThat(jar).as("the tasks jar (./mvnw -DskipTests -pl tasks -am package)").isRegularFile();
        runtime = LocalRuntime.start(options);
        machineArn = runtime.names().stateMachineArn("render-on-fargate");
        // Three uploads, made now: two videos with sound, one without.
        for (int i = 0; i < 3; i++) {
            Path clip = video(media.resolve("clip" + i + ".mp4"), 3, i != 1, 120 + 60 * i);
            runtime.s3().putObject(p -> p.bucket(BUCKET).key("originals/fam/" + clip.getFileName()), RequestBody.fromFile(clip));
        }
        RenderPlan plan = RenderPlan.of(new Output(Aspect.LANDSCAPE, 360, 30, EditionStyle.QUARTERLY), "On Fargate", null, null,
                List.of(Clip.video("s3://" + BUCKET + "/originals/fam/clip0.mp4", 0.5),
                        Clip.video("s3://" + BUCKET + "/originals/fam/clip1.mp4", 1),
                        Clip.video("s3://" + BUCKET + "/originals/fam/clip2.mp4", 2)));
        runtime.s3().putObject(p -> p.bucket(BUCKET).key("plans/fam/q.json"), RequestBody.fromString(plan.toJson()));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static Path video(Path out, double seconds, boolean audio, int hue) {
        List<String> args = new java.util.ArrayList<>(List.of("-v", "error", "-f", "lavfi", "-i",
                "testsrc2=size=640x360:rate=30:duration=" + seconds + ",hue=h=" + hue));
        if (audio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds, "-c:a", "aac"));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", out.toString()));
        FfmpegRunner.local().ffmpeg(args, Duration.ofSeconds(60));
        return out;
    }

    static String start(String name, String outputKey) {
        return runtime.sfn().startExecution(r -> r.stateMachineArn(machineArn).name(name)
                .input("{\"planKey\":\"plans/fam/q.json\",\"outputKey\":\"" + outputKey + "\"}")).executionArn();
    }

    static JsonNode awaitSucceeded(String executionArn) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            var d = runtime.sfn().describeExecution(r -> r.executionArn(executionArn));
            if (d.status() != ExecutionStatus.RUNNING) {
                assertThat(d.status()).as("execution %s: %s %s; task logs:%n%s", executionArn, d.error(), d.cause(), taskLogs())
                        .isEqualTo(ExecutionStatus.SUCCEEDED);
                return Json.mapper().readTree(d.output());
            }
            assertThat(Instant.now()).as("execution still running; task logs:%n%s", taskLogs()).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    static List<HistoryEvent> history(String executionArn) {
        return runtime.sfn().getExecutionHistory(r -> r.executionArn(executionArn).maxResults(1000)).events();
    }

    static String taskLogs() throws IOException {
        Path dir = data.resolve("logs/ecs/render");
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

    /** The task process that has started working (logged "task started") and is not one of {@code seen}. */
    static ProcessHandle awaitWorkingTask(Consumer<ProcessHandle> then) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> task = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("ichibyo-tasks.jar"))
                    .findFirst();
            if (task.isPresent() && taskLogs().contains("\"task started\"")) {
                then.accept(task.get());
                return task.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no task started working; logs:\n" + taskLogs());
    }

    @Test
    void renderTask_rendersThePlan_andCompletesTheStateWithItsResult() throws Exception {
        String execution = start("render-once", "movies/fam/once.mp4");

        JsonNode result = awaitSucceeded(execution);

        assertThat(result.path("outputKey").asText()).isEqualTo("movies/fam/once.mp4");
        assertThat(result.path("posterKey").asText()).isEqualTo("movies/fam/once.jpg");
        assertThat(result.path("durationSeconds").asDouble()).isCloseTo(PLANNED_SECONDS, Offset.offset(0.001));
        assertThat(result.path("width").asInt()).isEqualTo(640);
        assertThat(result.path("height").asInt()).isEqualTo(360);
        Path movie = media.resolve("once.mp4");
        runtime.s3().getObject(g -> g.bucket(BUCKET).key("movies/fam/once.mp4"), movie);
        assertThat(Files.size(movie)).isEqualTo(result.path("bytes").asLong());
        MediaInfo info = MediaProbe.local().probe(movie);
        assertThat(info.isVideo()).isTrue();
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.duration()).isCloseTo(PLANNED_SECONDS, Offset.offset(0.1));
        Path poster = media.resolve("once.jpg");
        runtime.s3().getObject(g -> g.bucket(BUCKET).key("movies/fam/once.jpg"), poster);
        assertThat(MediaProbe.local().probe(poster).isPhoto()).isTrue();

        List<HistoryEvent> events = history(execution);
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED).singleElement()
                .satisfies(e -> assertThat(e.taskScheduledEventDetails().heartbeatInSeconds()).isEqualTo(10L));
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_SUBMITTED).singleElement()
                .satisfies(e -> assertThat(e.taskSubmittedEventDetails().output()).contains("\"LastStatus\":\"PROVISIONING\""));
    }

    @Test
    void killedTask_stopsBeating_timesOutOnItsHeartbeat_andIsRerun() throws Exception {
        String execution = start("render-killed", "movies/fam/killed.mp4");
        // SIGKILL, as an out-of-memory kill or a lost host: nothing is reported, the heartbeats just stop.
        awaitWorkingTask(task -> {
            task.descendants().forEach(ProcessHandle::destroyForcibly);
            task.destroyForcibly();
        });

        JsonNode result = awaitSucceeded(execution);

        assertThat(result.path("outputKey").asText()).isEqualTo("movies/fam/killed.mp4");
        List<HistoryEvent> events = history(execution);
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_TIMED_OUT).singleElement()
                .satisfies(e -> assertThat(e.taskTimedOutEventDetails().error()).isEqualTo("States.HeartbeatTimeout"));
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED).hasSize(2);
        assertThat(runtime.s3().headObject(h -> h.bucket(BUCKET).key("movies/fam/killed.jpg")).contentLength()).isPositive();
    }

    @Test
    void sigtermedTask_reportsTaskInterrupted_atOnce_andIsRerun() throws Exception {
        String execution = start("render-interrupted", "movies/fam/interrupted.mp4");
        // SIGTERM, as Fargate sends two minutes before it reclaims Spot capacity, or on StopTask.
        awaitWorkingTask(task -> {
            task.destroy();
        });

        JsonNode result = awaitSucceeded(execution);

        assertThat(result.path("outputKey").asText()).isEqualTo("movies/fam/interrupted.mp4");
        List<HistoryEvent> events = history(execution);
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_FAILED).singleElement()
                .satisfies(e -> assertThat(e.taskFailedEventDetails().error()).isEqualTo("Task.Interrupted"));
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_TIMED_OUT).isEmpty();
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED).hasSize(2);
    }
}
