package ichibyo.local.sfn.integration.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcsTaskRunnerTest {
    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper

    @TempDir
    Path dir;

    private EcsTaskRunner runner;

    @BeforeEach
    void setUp() {
        EcsTaskDefinitions definitions = new EcsTaskDefinitions()
                .register(EcsTaskDefinition.of("writer",
                                List.of("sh", "-c", "echo \"$GREETING $WHO\" > result.txt; echo done"),
                                Map.of("GREETING", "hello", "WHO", "nobody"))
                        .withWorkingDir(dir).withContainerName("main"))
                .register(EcsTaskDefinition.of("failer", List.of("sh", "-c", "echo failing; exit 3"), Map.of()))
                .register(EcsTaskDefinition.of("failer", List.of("sh", "-c", "exit 0"), Map.of()).withRevision(2))
                .register(EcsTaskDefinition.of("sleeper",
                        List.of("sh", "-c", "sleep 300 & echo $! > child.pid; echo $$ > parent.pid; wait"), Map.of())
                        .withWorkingDir(dir))
                .register(EcsTaskDefinition.of("broken", List.of("/no/such/binary"), Map.of()));
        runner = new EcsTaskRunner(definitions, dir.resolve("logs"), Map.of("BASE", "yes"), true);
    }

    @AfterEach
    void tearDown() {
        runner.close();
    }

    private static TaskRequest request(IntegrationPattern pattern, String parameters) throws Exception {
        String suffix = switch (pattern) {
            case RUN_JOB -> ".sync";
            case WAIT_FOR_TASK_TOKEN -> ".waitForTaskToken";
            default -> "";
        };
        return new TaskRequest("arn:aws:states:::ecs:runTask" + suffix, "ecs", "runTask", pattern, false,
                JSON.readTree(parameters), pattern == IntegrationPattern.WAIT_FOR_TASK_TOKEN ? "tok" : null, null, () -> { },
                "eu-west-1", "123456789012", "arn:aws:states:eu-west-1:123456789012:execution:sm:run");
    }

    @Test
    void sync_runsTheCommandWithOverridesAndReturnsTheStoppedTask() throws Exception {
        JsonNode task = runner.run(request(IntegrationPattern.RUN_JOB, """
                {"Cluster":"media","TaskDefinition":"writer","LaunchType":"FARGATE",
                 "Overrides":{"ContainerOverrides":[{"Name":"main","Environment":[{"Name":"WHO","Value":"Aiko"}]}]}}"""));

        assertThat(Files.readString(dir.resolve("result.txt")).strip()).isEqualTo("hello Aiko");
        assertThat(task.get("LastStatus").asText()).isEqualTo("STOPPED");
        assertThat(task.get("DesiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(task.get("StopCode").asText()).isEqualTo("EssentialContainerExited");
        assertThat(task.get("StoppedReason").asText()).isEqualTo("Essential container in task exited");
        assertThat(task.at("/Containers/0/ExitCode").asInt()).isZero();
        assertThat(task.at("/Containers/0/Name").asText()).isEqualTo("main");
        assertThat(task.get("TaskArn").asText()).matches("arn:aws:ecs:eu-west-1:123456789012:task/media/[0-9a-f]{32}");
        assertThat(task.get("ClusterArn").asText()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/media");
        assertThat(task.get("TaskDefinitionArn").asText())
                .isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task-definition/writer:1");
        assertThat(task.at("/Overrides/ContainerOverrides/0/Name").asText()).isEqualTo("main");
        String taskId = task.get("TaskArn").asText().substring(task.get("TaskArn").asText().lastIndexOf('/') + 1);
        assertThat(Files.readString(dir.resolve("logs/writer/" + taskId + ".log"))).contains("done");
    }

    @Test
    void sync_commandOverrideReplacesTheDefinitionsCommandAndSeesBaseEnvironment() throws Exception {
        runner.run(request(IntegrationPattern.RUN_JOB, """
                {"TaskDefinition":"arn:aws:ecs:eu-west-1:123456789012:task-definition/writer:1",
                 "Overrides":{"ContainerOverrides":[{"Name":"main","Command":["sh","-c","echo $BASE-$AWS_REGION > result.txt"]}]}}"""));

        assertThat(Files.readString(dir.resolve("result.txt")).strip()).isEqualTo("yes-eu-west-1");
    }

    @Test
    void sync_nonZeroExitFailsWithTaskFailedAndTheTaskAsCause() throws Exception {
        TaskFailedException e = catchThrowableOfType(TaskFailedException.class,
                () -> runner.run(request(IntegrationPattern.RUN_JOB, "{\"TaskDefinition\":\"failer:1\"}")));

        assertThat(e.error()).isEqualTo("States.TaskFailed");
        JsonNode task = JSON.readTree(e.cause());
        assertThat(task.at("/Containers/0/ExitCode").asInt()).isEqualTo(3);
        assertThat(task.get("LastStatus").asText()).isEqualTo("STOPPED");
        assertThat(task.get("StopCode").asText()).isEqualTo("EssentialContainerExited");
    }

    @Test
    void familyWithoutRevision_runsTheLatestRevision() throws Exception {
        JsonNode task = runner.run(request(IntegrationPattern.RUN_JOB, "{\"TaskDefinition\":\"failer\"}"));

        assertThat(task.get("TaskDefinitionArn").asText()).endsWith("task-definition/failer:2");
        assertThat(task.at("/Containers/0/ExitCode").asInt()).isZero();
    }

    @Test
    void commandThatCannotStart_failsWithTaskFailedToStart() throws Exception {
        TaskFailedException e = catchThrowableOfType(TaskFailedException.class,
                () -> runner.run(request(IntegrationPattern.RUN_JOB, "{\"TaskDefinition\":\"broken\"}")));

        assertThat(e.error()).isEqualTo("States.TaskFailed");
        JsonNode task = JSON.readTree(e.cause());
        assertThat(task.get("StopCode").asText()).isEqualTo("TaskFailedToStart");
        assertThat(task.get("StoppedReason").asText()).startsWith("CannotStartContainerError");
    }

    @Test
    void unknownTaskDefinition_failsAsEcsDoes() throws Exception {
        TaskFailedException e = catchThrowableOfType(TaskFailedException.class,
                () -> runner.run(request(IntegrationPattern.RUN_JOB, "{\"TaskDefinition\":\"nothing\"}")));

        assertThat(e.error()).isEqualTo("ECS.ClientException");
        assertThat(e.cause()).startsWith("TaskDefinition not found.");
    }

    @Test
    void requestResponse_returnsTheRunTaskResponseWhileTheTaskRuns() throws Exception {
        JsonNode response = runner.run(request(IntegrationPattern.REQUEST_RESPONSE, "{\"TaskDefinition\":\"sleeper\"}"));

        assertThat(response.get("Failures")).isEmpty();
        assertThat(response.at("/Tasks/0/LastStatus").asText()).isEqualTo("PROVISIONING");
        assertThat(response.at("/Tasks/0/DesiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(response.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(runner.runningTasks()).isEqualTo(1);
    }

    @Test
    void interrupt_stopsTheWholeProcessTree() throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread state = new Thread(() -> {
            try {
                runner.run(request(IntegrationPattern.RUN_JOB, "{\"TaskDefinition\":\"sleeper\"}"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        state.start();
        Path childPid = dir.resolve("child.pid");
        Path parentPid = dir.resolve("parent.pid");
        while (!(Files.exists(parentPid) && Files.size(parentPid) > 0 && Files.exists(childPid) && Files.size(childPid) > 0)) {
            Thread.sleep(20);
        }
        long child = Long.parseLong(Files.readString(childPid).strip());
        long parent = Long.parseLong(Files.readString(parentPid).strip());

        state.interrupt();
        state.join();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        for (long pid : new long[] {child, parent}) {
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
        }
    }

    @Test
    void interrupt_stopsAFrozenTask() throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread state = new Thread(() -> {
            try {
                runner.run(request(IntegrationPattern.RUN_JOB, "{\"TaskDefinition\":\"sleeper\"}"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        state.start();
        Path childPid = dir.resolve("child.pid");
        Path parentPid = dir.resolve("parent.pid");
        while (!(Files.exists(parentPid) && Files.size(parentPid) > 0 && Files.exists(childPid) && Files.size(childPid) > 0)) {
            Thread.sleep(20);
        }
        long child = Long.parseLong(Files.readString(childPid).strip());
        long parent = Long.parseLong(Files.readString(parentPid).strip());
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(parent), Long.toString(child)).start().waitFor()).isZero();

        state.interrupt();
        state.join();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        ProcessHandle.of(parent).ifPresent(h -> h.onExit().join());
        assertThat(ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
