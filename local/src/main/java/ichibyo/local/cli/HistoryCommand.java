package ichibyo.local.cli;

import ichibyo.app.Ichibyo;
import ichibyo.functions.encode.EncodeWorkLog;
import ichibyo.local.runtime.LocalNames;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code history EXECUTION [--machine NAME]}: an execution's readable timeline; for an encode job (an execution of
 * {@code encode}, named by its job id) also its work log: each chunk task, where it ran, its attempts and error, and each
 * output's measured quality.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"An execution's timeline: each state's start, duration, retries, error and cause.",
            "An encode job (ichibyo-local history JOBID --machine encode) also shows its work log: tasks and outputs."})
final class HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXECUTION", description = "the execution's ARN, or its name with --machine")
    String execution;
    @Option(names = "--machine", paramLabel = "STATEMACHINE", description = "the state machine of the execution named")
    String machine;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        try (RuntimeConnection connection = RuntimeConnection.open(dataOptions)) {
            String arn = Executions.executionArn(execution, machine,
                    connection.endpoints().region(), LocalNames.ACCOUNT);
            var d = connection.sfn().describeExecution(r -> r.executionArn(arn));
            System.out.println(d.name() + "  " + d.statusAsString() + "  (" + d.stateMachineArn() + ")");
            var events = Executions.history(connection.sfn(), arn);
            Timeline.render(events).forEach(System.out::println);
            // A Distributed Map's children are executions of their own: summarised by their Map Run.
            for (var e : events) {
                if (e.mapRunStartedEventDetails() != null) {
                    var run = connection.sfn().describeMapRun(r -> r.mapRunArn(e.mapRunStartedEventDetails().mapRunArn()));
                    var c = run.executionCounts();
                    System.out.printf("  map run %s: %s, children %d succeeded, %d failed, %d timed out, %d aborted of %d%n",
                            run.mapRunArn().substring(run.mapRunArn().lastIndexOf(':') + 1), run.statusAsString(),
                            c.succeeded(), c.failed(), c.timedOut(), c.aborted(), c.total());
                }
            }
            if (arn.contains(":execution:" + Ichibyo.ENCODE + ":")) {
                workLog(connection, d.name());
            }
            return 0;
        }
    }

    /** The encode job's work log (the jobs table), as GET /encodes returns it, in lines. */
    private static void workLog(RuntimeConnection connection, String jobId) {
        try (var dynamoDb = connection.dynamoDb()) {
            var job = new EncodeWorkLog(dynamoDb, Ichibyo.ENCODE_JOBS_TABLE, Clock.systemUTC()).read(jobId);
            if (job.isEmpty()) {
                System.out.println("  work log: no record of job " + jobId);
                return;
            }
            Map<String, Object> j = job.get();
            System.out.printf(Locale.ROOT, "  work log: job %s %s, master %s, started %s, ended %s%s%n", jobId, j.get("status"), j.get("masterKey"),
                    j.get("startedAt"), j.getOrDefault("endedAt", "–"), j.get("error") == null ? "" : ", error " + j.get("error") + ": " + j.get("cause"));
            if (j.get("tasks") instanceof List<?> tasks) {
                for (Object t : tasks) {
                    if (t instanceof Map<?, ?> task) {
                        System.out.printf(Locale.ROOT, "    task %s chunk %s: %s on %s, %s attempts, %s s%s%n", task.get("profileId"), task.get("chunk"),
                                task.get("status"), task.get("ranOn"), task.get("attempts"), task.get("seconds") == null ? "–" : task.get("seconds"),
                                task.get("error") == null ? "" : ", error " + task.get("error"));
                    }
                }
            }
            if (j.get("outputs") instanceof List<?> outputs) {
                for (Object o : outputs) {
                    if (o instanceof Map<?, ?> output) {
                        System.out.printf(Locale.ROOT, "    output %s: %s, %s frames, %s s, SSIM %s (seams ≥ %s), PSNR %s dB%s%n", output.get("profileId"),
                                Boolean.TRUE.equals(output.get("passed")) ? "passed" : "FAILED", output.get("frames"), output.get("durationSeconds"),
                                output.get("ssimMean"), output.get("seamSsimMin"), output.get("psnrMean"),
                                output.get("failures") instanceof List<?> f && !f.isEmpty() ? ", " + f : "");
                    }
                }
            }
        }
    }
}
