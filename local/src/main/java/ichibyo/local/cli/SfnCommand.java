package ichibyo.local.cli;

import ichibyo.local.sfn.StepFunctionsServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sfn --port N [--data DIR]}: the Step Functions emulator alone (its own server). */
@Command(name = "sfn", mixinStandardHelpOptions = true, description = "The Step Functions emulator alone.")
final class SfnCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "the port of its API (default: 8083)")
    Integer port;
    @Option(names = "--data", paramLabel = "DIR", description = "keep state machines and executions in DIR (default: in memory)")
    Path data;
    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "the S3 that Distributed Maps read and write (default: in memory)")
    String s3Endpoint;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>();
        if (port != null) {
            args.addAll(List.of("--port", port.toString()));
        }
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        if (s3Endpoint != null) {
            args.addAll(List.of("--s3-endpoint", s3Endpoint));
        }
        StepFunctionsServer.main(args.toArray(String[]::new));
        return 0;
    }
}
