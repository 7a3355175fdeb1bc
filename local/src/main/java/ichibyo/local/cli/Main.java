package ichibyo.local.cli;

import java.util.Arrays;
import java.util.List;

/**
 * {@code ichibyo-local}: ichibyo on one machine. Each subcommand is a class of its own; this class
 * only dispatches.
 */
public final class Main {

    static final String USAGE = """
            usage: ichibyo-local COMMAND [ARGS]

              up [--data DIR] [--dynamodb-on-disk] [--port-s3 N --port-dynamodb N --port-sqs N --port-sfn N --port-events N --port-api N]
                                          start everything, create the resources, print endpoints; Ctrl-C stops
              invoke FUNCTION EVENT.json  run a function once with an event (SAM-style local invoke)
              run STATEMACHINE INPUT.json start an execution and follow it
              history EXECUTION           an execution's timeline (ARN, or name with --machine NAME)
              fire SCHEDULE               fire a schedule now (starts its execution)
              sfn [--port N] [--data DIR] the Step Functions emulator alone
              demo [OUTPUT.mp4] [--data DIR] [--dynamodb-on-disk]
                                          the end-to-end demo on the local runtime: uploads sample photos and videos,
                                          score-media catalogs them, renders a 1-second movie into out/demo-movie.mp4

            Commands other than up and sfn use a running 'up' (found through DIR/runtime.properties, default
            DIR .ichibyo/local/ at the repository root) or, when none runs, start the services for themselves.
            """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            System.out.print(USAGE);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int status = switch (args[0]) {
            case "up" -> new UpCommand().run(rest);
            case "invoke" -> new InvokeCommand().run(rest);
            case "run" -> new RunCommand().run(rest);
            case "history" -> new HistoryCommand().run(rest);
            case "fire" -> new FireCommand().run(rest);
            case "sfn" -> new SfnCommand().run(rest);
            case "demo" -> new DemoCommand().run(rest);
            default -> {
                System.err.println("ichibyo-local: unknown command " + args[0]);
                System.err.print(USAGE);
                yield 2;
            }
        };
        System.exit(status);
    }
}
