package ichibyo.local.cli;

import ichibyo.local.runtime.LocalNames;
import java.util.Set;

/** {@code history EXECUTION [--machine NAME]}: an execution's readable timeline. */
final class HistoryCommand {

    int run(String[] argv) {
        Args args = Args.parse(argv, Set.of());
        if (args.positional().size() != 1) {
            System.err.println("usage: ichibyo-local history EXECUTION-ARN | history NAME --machine STATEMACHINE");
            return 2;
        }
        try (RuntimeConnection connection = RuntimeConnection.open(args)) {
            String arn = Executions.executionArn(args.positional().get(0), args.option("machine", null),
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
