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
            Timeline.render(Executions.history(connection.sfn(), arn)).forEach(System.out::println);
            return 0;
        }
    }
}
