package ichibyo.tasks;

import ichibyo.functions.Log;
import ichibyo.tasks.render.RenderTask;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The entry point of every Fargate task: {@code java -jar ichibyo-tasks.jar TASK}, {@code TASK} one of
 * {@link #TASKS} ({@code render}, {@code encode-chunk}). The image's ENTRYPOINT on AWS; locally
 * {@code scripts/run-task TASK}, a child process of the Step Functions emulator.
 *
 * <p>With a task token ({@code TASK_TOKEN}, from an {@code ecs:runTask.waitForTaskToken} state) it beats every
 * {@code HEARTBEAT_SECONDS}/3 while it works and ends with SendTaskSuccess (the result) or SendTaskFailure
 * (the error name and cause). On SIGTERM — a Fargate Spot interruption or a stop — it sends
 * SendTaskFailure {@value #INTERRUPTED} at once, so the state's Retry reruns it now rather than after the
 * heartbeat timeout, stops its child processes (ffmpeg) and exits non-zero (143).
 *
 * <p>Exit codes: 0 done; 1 failed (reported); 2 usage; 75 abandoned (Step Functions stopped waiting); 143 SIGTERM.
 */
public final class TaskMain {
    /** The error a task sends when it is stopped before its end: retry it. */
    public static final String INTERRUPTED = "Task.Interrupted";
    static final Map<String, Supplier<Task>> TASKS = Map.of("render", RenderTask::new, "encode-chunk", ichibyo.tasks.encode.EncodeChunkTask::new);

    private TaskMain() {}

    public static void main(String[] args) {
        if (args.length != 1 || !TASKS.containsKey(args[0])) {
            System.err.println("usage: java -jar ichibyo-tasks.jar TASK   (TASK: " + String.join(", ", TASKS.keySet()) + ")");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        Optional<TaskToken> token = TaskToken.fromEnvironment(env);
        // Step Functions through the SDK's standard configuration (AWS_ENDPOINT_URL_SFN locally).
        TaskReporter reporter = token.map(t -> new TaskReporter(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), t))
                .orElseGet(TaskReporter::none);
        System.exit(run(args[0], TASKS.get(args[0]).get(), env, reporter));
    }

    /** Runs {@code task} with its reports; returns the exit code. */
    static int run(String name, Task task, Map<String, String> env, TaskReporter reporter) {
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get() && !reporter.abandoned()) {
                Log.warn("task interrupted (SIGTERM): reporting " + INTERRUPTED, "task", name);
                try {
                    if (!reporter.fail(INTERRUPTED, "the task was stopped before its end (SIGTERM: Fargate Spot interruption or StopTask)")) {
                        reporter.awaitReport(Duration.ofSeconds(10)); // a result already on its way
                    }
                } catch (RuntimeException | InterruptedException e) {
                    Log.error("could not report the interruption", "error", e);
                }
            }
            // ffmpeg and the like would outlive the JVM.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }, "task-interrupted"));
        // Nobody waits for the result any more: free the capacity (halt: the hook has nothing to report).
        reporter.startHeartbeats(() -> {
            finished.set(true);
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(75);
        });
        Log.info("task started", "task", name, "token", reporter.hasToken());
        try {
            String result = task.run(env);
            reporter.succeed(result);
            Log.info("task done", "task", name);
            finished.set(true);
            return 0;
        } catch (Throwable e) {
            String error = task.errorName(e);
            Log.error("task failed", "task", name, "error", error, "detail", e);
            try {
                reporter.fail(error, e);
            } catch (RuntimeException sendFailed) {
                Log.error("could not report the failure", "error", sendFailed);
            }
            finished.set(true);
            return 1;
        } finally {
            reporter.close();
        }
    }
}
