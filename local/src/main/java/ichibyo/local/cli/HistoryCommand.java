package ichibyo.local.cli;

import ichibyo.local.runtime.LocalNames;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history EXECUTION [--machine NAME]}: an execution's readable timeline. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "An execution's timeline: each state's start, duration, retries, error and cause.")
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
            return 0;
        }
    }
}
