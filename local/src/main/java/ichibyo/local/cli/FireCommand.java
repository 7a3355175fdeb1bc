package ichibyo.local.cli;

import ichibyo.app.Ichibyo;
import ichibyo.app.Schedule;
import ichibyo.local.runtime.LocalNames;
import java.util.Optional;
import java.util.Set;

/** {@code fire SCHEDULE}: does what the schedule does when it fires, now: starts its execution with its input. */
final class FireCommand {

    int run(String[] argv) {
        Args args = Args.parse(argv, Set.of());
        if (args.positional().size() != 1) {
            System.err.println("usage: ichibyo-local fire SCHEDULE");
            return 2;
        }
        Optional<Schedule> schedule = Ichibyo.app().schedule(args.positional().get(0));
        if (schedule.isEmpty()) {
            System.err.println("ichibyo-local: no schedule " + args.positional().get(0) + "; schedules: "
                    + Ichibyo.app().schedules().stream().map(Schedule::name).toList());
            return 2;
        }
        try (RuntimeConnection connection = RuntimeConnection.open(args)) {
            Schedule s = schedule.get();
            String arn = "arn:aws:states:" + connection.endpoints().region() + ":" + LocalNames.ACCOUNT + ":stateMachine:" + s.stateMachine();
            System.out.println(connection.sfn().startExecution(r -> r.stateMachineArn(arn).input(s.input())).executionArn());
            return 0;
        }
    }
}
