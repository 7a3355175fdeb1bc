package ichibyo.local.sfn.integration.ecs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.runtime.faults.FaultInjector;
import ichibyo.local.sfn.integration.internal.ResponseMetadata;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import ichibyo.sfn.task.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code arn:aws:states:::ecs:runTask} ({@code .sync} and {@code .waitForTaskToken} too): a Fargate task as a
 * child process started from a registered {@link EcsTaskDefinition}, with the container overrides'
 * {@code Command} and {@code Environment} applied, its output written to {@code <logDir>/<family>/<taskId>.log}.
 *
 * <ul>
 *   <li>Request-response and {@code .waitForTaskToken} return RunTask's response ({@code Failures}, {@code Tasks})
 *       once the process has started; it keeps running.</li>
 *   <li>{@code .sync} waits for the process and returns the stopped task as DescribeTasks describes it
 *       ({@code LastStatus: STOPPED}, {@code StopCode}, {@code StoppedReason}, {@code Containers[].ExitCode}, ...).
 *       A non-zero exit code, or a command that cannot start, fails the task with {@code States.TaskFailed} and
 *       that task JSON as the cause.</li>
 *   <li>An injected fault ({@link FaultInjector}) fails RunTask with {@code ECS.AmazonECSException}, no task started.</li>
 *   <li>An interrupt (StopExecution, a state timeout) stops the whole process tree (SIGTERM, then SIGKILL) and
 *       propagates.</li>
 * </ul>
 */
public final class EcsTaskRunner implements TaskRunner, AutoCloseable {

    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper

    private final EcsTaskDefinitions definitions;
    private final Path logDir;
    private final Map<String, String> baseEnvironment;
    private final boolean inheritEnvironment;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final FaultInjector faults;

    /**
     * @param definitions        the task definitions
     * @param logDir             where each task's output goes
     * @param baseEnvironment    variables every task gets before its definition's (e.g. the services' endpoints)
     * @param inheritEnvironment whether tasks also inherit this process's environment (PATH, JAVA_HOME, ...)
     */
    public EcsTaskRunner(EcsTaskDefinitions definitions, Path logDir, Map<String, String> baseEnvironment, boolean inheritEnvironment) {
        this(definitions, logDir, baseEnvironment, inheritEnvironment, FaultInjector.NONE);
    }

    /** @param faults the RunTask failures to inject ({@link FaultInjector#NONE} for none) */
    public EcsTaskRunner(EcsTaskDefinitions definitions, Path logDir, Map<String, String> baseEnvironment, boolean inheritEnvironment,
            FaultInjector faults) {
        this.definitions = definitions;
        this.logDir = logDir;
        this.baseEnvironment = baseEnvironment == null ? Map.of() : Map.copyOf(baseEnvironment);
        this.inheritEnvironment = inheritEnvironment;
        this.faults = faults == null ? FaultInjector.NONE : faults;
    }

    @Override
    public JsonNode run(TaskRequest request) throws TaskFailedException, InterruptedException {
        if (!"runTask".equals(request.action())) {
            throw new TaskFailedException("States.Runtime",
                    "The resource '" + request.resource() + "' is not supported by the ECS integration (only ecs:runTask).");
        }
        JsonNode params = request.parameters() == null ? JsonNodeFactory.instance.objectNode() : request.parameters();
        String requestId = UUID.randomUUID().toString();
        String taskDefinitionName = params.path("TaskDefinition").asText(null);
        EcsTaskDefinition definition = definitions.resolve(taskDefinitionName).orElseThrow(() ->
                clientError("ClientException", "TaskDefinition not found.", requestId));
        if (faults.nextEcsFails(definition.family())) {
            // As ECS refuses a RunTask when it is short of capacity or throttles: no task is started.
            throw new TaskFailedException("ECS.AmazonECSException", "Service Unavailable. Please try again later. (injected fault) "
                    + "(Service: AmazonECS; Status Code: 500; Error Code: ServerException; Request ID: " + requestId + "; Proxy: null)");
        }
        String cluster = params.path("Cluster").asText("default");
        String clusterName = cluster.contains("/") ? cluster.substring(cluster.lastIndexOf('/') + 1) : cluster;
        String clusterArn = cluster.startsWith("arn:") ? cluster
                : "arn:aws:ecs:" + request.region() + ":" + request.accountId() + ":cluster/" + clusterName;

        List<String> command = new ArrayList<>(definition.command());
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode overrides = params.path("Overrides");
        for (JsonNode override : overrides.path("ContainerOverrides")) {
            String name = override.path("Name").asText(null);
            if (name != null && !name.equals(definition.containerName())) {
                throw clientError("InvalidParameterException",
                        "Override for container named " + name + " is not a container in the TaskDefinition.", requestId);
            }
            if (override.has("Command")) {
                command = new ArrayList<>();
                for (JsonNode part : override.get("Command")) {
                    command.add(part.asText());
                }
            }
            for (JsonNode variable : override.path("Environment")) {
                environment.put(variable.path("Name").asText(), variable.path("Value").asText(""));
            }
        }

        String taskId = UUID.randomUUID().toString().replace("-", "");
        Task task = new Task(request, definition, clusterArn, clusterName, taskId, overrides, params);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        if (!inheritEnvironment) {
            env.clear();
        }
        env.put("AWS_REGION", request.region());
        env.put("AWS_DEFAULT_REGION", request.region());
        env.put("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE");
        env.putAll(baseEnvironment);
        env.putAll(definition.environment());
        env.putAll(environment);
        if (definition.workingDir() != null) {
            builder.directory(definition.workingDir().toFile());
        }
        Path log = logDir.resolve(definition.family()).resolve(taskId + ".log");
        Process process;
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            process = command.isEmpty() ? null : builder.start();
        } catch (IOException e) {
            process = null;
            task.startFailure = "CannotStartContainerError: " + e.getMessage();
        }
        if (process == null) {
            if (task.startFailure == null) {
                task.startFailure = "CannotStartContainerError: the container has no command";
            }
            ObjectNode stopped = task.describe("STOPPED", null);
            if (request.pattern() == IntegrationPattern.RUN_JOB) {
                throw new TaskFailedException("States.TaskFailed", write(stopped));
            }
            return runTaskResponse(task.describe("PROVISIONING", null), requestId);
        }
        task.startedAt = System.currentTimeMillis();
        if (request.pattern() != IntegrationPattern.RUN_JOB) {
            Process p = process;
            running.put(taskId, p);
            p.onExit().thenRun(() -> running.remove(taskId));
            return runTaskResponse(task.describe("PROVISIONING", null), requestId);
        }
        running.put(taskId, process);
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            stopTree(process);
            throw e;
        } finally {
            running.remove(taskId);
        }
        task.stoppedAt = System.currentTimeMillis();
        ObjectNode stopped = task.describe("STOPPED", exitCode);
        if (exitCode != 0) {
            throw new TaskFailedException("States.TaskFailed", write(stopped));
        }
        return stopped;
    }

    /** Stops a task's whole process tree: SIGTERM to every process, SIGKILL to those left after a grace period. */
    static void stopTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // fall through to SIGKILL
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** The tasks still running (request-response and waitForTaskToken tasks outlive the state). */
    public int runningTasks() {
        return running.size();
    }

    /** Stops every task still running. */
    @Override
    public void close() {
        running.values().forEach(EcsTaskRunner::stopTree);
        running.clear();
    }

    private ObjectNode runTaskResponse(ObjectNode task, String requestId) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.putArray("Failures");
        response.putArray("Tasks").add(task);
        ResponseMetadata.add(response, Map.of("Content-Type", List.of("application/x-amz-json-1.1")), 200, requestId);
        return response;
    }

    private static TaskFailedException clientError(String code, String message, String requestId) {
        return new TaskFailedException("ECS." + code, message + " (Service: AmazonECS; Status Code: 400; Error Code: " + code
                + "; Request ID: " + requestId + "; Proxy: null)");
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One task and how DescribeTasks shows it. */
    private static final class Task {
        final TaskRequest request;
        final EcsTaskDefinition definition;
        final String clusterArn;
        final String taskArn;
        final String taskId;
        final JsonNode overrides;
        final JsonNode params;
        final long createdAt = System.currentTimeMillis();
        long startedAt;
        long stoppedAt;
        String startFailure;

        Task(TaskRequest request, EcsTaskDefinition definition, String clusterArn, String clusterName, String taskId,
                JsonNode overrides, JsonNode params) {
            this.request = request;
            this.definition = definition;
            this.clusterArn = clusterArn;
            this.taskId = taskId;
            this.taskArn = "arn:aws:ecs:" + request.region() + ":" + request.accountId() + ":task/" + clusterName + "/" + taskId;
            this.overrides = overrides;
            this.params = params;
        }

        ObjectNode describe(String lastStatus, Integer exitCode) {
            boolean stopped = "STOPPED".equals(lastStatus);
            if (stopped && stoppedAt == 0) {
                stoppedAt = System.currentTimeMillis();
            }
            ObjectNode t = JsonNodeFactory.instance.objectNode();
            t.putArray("Attachments");
            t.putArray("Attributes");
            t.put("AvailabilityZone", request.region() + "a");
            t.put("ClusterArn", clusterArn);
            t.put("Connectivity", startFailure == null ? "CONNECTED" : "DISCONNECTED");
            if (startedAt > 0) {
                t.put("ConnectivityAt", startedAt);
            }
            ArrayNode containers = t.putArray("Containers");
            ObjectNode c = containers.addObject();
            c.put("ContainerArn", "arn:aws:ecs:" + request.region() + ":" + request.accountId() + ":container/"
                    + taskArn.substring(taskArn.indexOf("task/") + 5) + "/" + UUID.nameUUIDFromBytes(taskId.getBytes()));
            c.put("Cpu", "0");
            if (exitCode != null) {
                c.put("ExitCode", exitCode);
            }
            c.putArray("GpuIds");
            c.put("Image", "local/" + definition.family());
            c.put("LastStatus", lastStatus);
            c.putArray("ManagedAgents");
            c.put("Name", definition.containerName());
            c.putArray("NetworkBindings");
            c.putArray("NetworkInterfaces");
            if (startFailure != null) {
                c.put("Reason", startFailure);
            }
            c.put("TaskArn", taskArn);
            t.put("Cpu", definition.cpu());
            t.put("CreatedAt", createdAt);
            t.put("DesiredStatus", stopped ? "STOPPED" : "RUNNING");
            t.put("EnableExecuteCommand", false);
            t.putObject("EphemeralStorage").put("SizeInGiB", 20);
            if (stopped && startedAt > 0) {
                t.put("ExecutionStoppedAt", stoppedAt);
            }
            t.put("Group", params.path("Group").asText("family:" + definition.family()));
            t.put("HealthStatus", "UNKNOWN");
            t.put("LastStatus", lastStatus);
            t.put("LaunchType", params.path("LaunchType").asText("FARGATE"));
            t.put("Memory", definition.memory());
            ObjectNode o = t.putObject("Overrides");
            o.set("ContainerOverrides", overrides.has("ContainerOverrides")
                    ? overrides.get("ContainerOverrides").deepCopy() : JsonNodeFactory.instance.arrayNode());
            o.putArray("InferenceAcceleratorOverrides");
            t.put("PlatformFamily", "Linux");
            t.put("PlatformVersion", "1.4.0");
            if (startedAt > 0) {
                t.put("PullStartedAt", createdAt);
                t.put("PullStoppedAt", startedAt);
                t.put("StartedAt", startedAt);
            }
            if (params.has("StartedBy")) {
                t.put("StartedBy", params.get("StartedBy").asText());
            }
            if (stopped) {
                t.put("StopCode", startFailure == null ? "EssentialContainerExited" : "TaskFailedToStart");
                t.put("StoppedAt", stoppedAt);
                t.put("StoppedReason", startFailure == null ? "Essential container in task exited" : startFailure);
                t.put("StoppingAt", stoppedAt);
            }
            t.set("Tags", params.has("Tags") ? params.get("Tags").deepCopy() : JsonNodeFactory.instance.arrayNode());
            t.put("TaskArn", taskArn);
            t.put("TaskDefinitionArn", definition.arn(request.region(), request.accountId()));
            t.put("Version", stopped ? 5 : 1);
            return t;
        }
    }
}
