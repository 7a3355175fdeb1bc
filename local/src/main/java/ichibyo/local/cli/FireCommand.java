package ichibyo.local.cli;

import ichibyo.app.Ichibyo;
import ichibyo.app.Schedule;
import ichibyo.local.runtime.LocalNames;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fire SCHEDULE}: does what the schedule does when it fires, now: starts its execution with its input. */
@Command(name = "fire", mixinStandardHelpOptions = true, description = "Fire a schedule now (starts its execution).")
final class FireCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCHEDULE", description = "the schedule's name")
    String name;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        Optional<Schedule> schedule = Ichibyo.app().schedule(name);
        if (schedule.isEmpty()) {
            System.err.println("ichibyo-local: no schedule " + name + "; schedules: "
                    + Ichibyo.app().schedules().stream().map(Schedule::name).toList());
            return 2;
        }
        try (RuntimeConnection connection = RuntimeConnection.open(dataOptions)) {
            Schedule s = schedule.get();
            String arn = "arn:aws:states:" + connection.endpoints().region() + ":" + LocalNames.ACCOUNT + ":stateMachine:" + s.stateMachine();
            System.out.println(connection.sfn().startExecution(r -> r.stateMachineArn(arn).input(s.input())).executionArn());
            return 0;
        }
    }
}
