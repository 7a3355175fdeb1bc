package ichibyo.local.cli;

import ichibyo.local.runtime.LocalNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code run STATEMACHINE INPUT.json}: starts an execution and follows it with one live line (states
 * done, the current state, Map items done/total), then prints the output or the error.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start an execution and follow it.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STATEMACHINE", description = "the state machine's name or ARN")
    String machine;
    @Parameters(index = "1", paramLabel = "INPUT.json", description = "the execution's input")
    Path inputFile;
    @Option(names = "--name", paramLabel = "EXECUTION", description = "the execution's name (default: a generated one)")
    String name;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        String input = Files.readString(inputFile);
        try (RuntimeConnection connection = RuntimeConnection.open(dataOptions)) {
            String machineArn = machine.startsWith("arn:") ? machine
                    : "arn:aws:states:" + connection.endpoints().region() + ":" + LocalNames.ACCOUNT + ":stateMachine:" + machine;
            String arn = connection.sfn().startExecution(r -> r.stateMachineArn(machineArn).input(input).name(name)).executionArn();
            System.err.println("started " + arn);
            long t0 = System.nanoTime();
            DescribeExecutionResponse d;
            while (true) {
                d = connection.sfn().describeExecution(r -> r.executionArn(arn));
                List<HistoryEvent> events = Executions.history(connection.sfn(), arn);
                String line = progress(d.statusAsString(), events, (System.nanoTime() - t0) / 1_000_000_000.0)
                        + mapRuns(connection, events);
                System.err.print("\r\033[K" + line);
                if (d.status() != ExecutionStatus.RUNNING) {
                    break;
                }
                Thread.sleep(300);
            }
            System.err.println();
            if (d.status() == ExecutionStatus.SUCCEEDED) {
                System.out.println(d.output());
                return 0;
            }
            System.err.println(d.statusAsString() + (d.error() == null ? "" : ": " + d.error()) + (d.cause() == null ? "" : " — " + d.cause()));
            System.err.println("history: ichibyo-local history " + arn);
            return 1;
        }
    }

    /** Distributed Map progress: items done/total of each Map Run of the execution. */
    static String mapRuns(RuntimeConnection connection, List<HistoryEvent> events) {
        StringBuilder out = new StringBuilder();
        for (HistoryEvent e : events) {
            if (e.mapRunStartedEventDetails() != null) {
                var counts = connection.sfn().describeMapRun(r -> r.mapRunArn(e.mapRunStartedEventDetails().mapRunArn())).itemCounts();
                out.append("  map run items: ").append(counts.succeeded() + counts.failed()).append('/').append(counts.total());
                if (counts.failed() > 0) {
                    out.append(" (").append(counts.failed()).append(" failed)");
                }
            }
        }
        return out.toString();
    }

    /** The live line: status, elapsed time, states done, current state, Map items done/total. */
    static String progress(String status, List<HistoryEvent> events, double seconds) {
        int done = 0;
        String current = "";
        int items = 0;
        int total = 0;
        for (HistoryEvent e : events) {
            String type = e.typeAsString();
            if (type.endsWith("StateEntered") && e.stateEnteredEventDetails() != null) {
                current = e.stateEnteredEventDetails().name();
            } else if (type.endsWith("StateExited")) {
                done++;
            } else if (type.equals("MapStateStarted") && e.mapStateStartedEventDetails() != null) {
                total += e.mapStateStartedEventDetails().length();
            } else if (type.equals("MapIterationSucceeded") || type.equals("MapIterationFailed")) {
                items++;
            }
        }
        return String.format("%-9s %6.1f s  states done: %d  now: %s%s", status, seconds, done, current,
                total > 0 ? "  map items: " + items + "/" + total : "");
    }
}
