package ichibyo.local.sfn;

import ichibyo.local.sfn.api.InMemoryObjectStore;
import ichibyo.local.sfn.api.StepFunctionsHttpServer;
import ichibyo.local.sfn.api.StepFunctionsService;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts the Step Functions emulator alone: {@code StepFunctionsServer [--port 8083] [--data DIR]}.
 * With {@code --data}, state machines and executions are kept in DIR and open executions resume after a
 * restart; without it, everything is in memory. Alone, Task states have only {@code states:startExecution};
 * Distributed Maps read and write an in-memory S3 store.
 */
public final class StepFunctionsServer {
    private StepFunctionsServer() {}

    public static void main(String[] args) throws Exception {
        int port = 8083;
        String data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--data" -> data = value(args, ++i, "--data");
                case "-h", "--help" -> {
                    System.out.println("usage: StepFunctionsServer [--port 8083] [--data DIR]");
                    return;
                }
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i] + " (usage: [--port 8083] [--data DIR])");
            }
        }
        StepFunctionsService service = new StepFunctionsService(s -> Optional.empty(), new InMemoryObjectStore(),
                data == null ? null : Path.of(data));
        StepFunctionsHttpServer server = new StepFunctionsHttpServer(service, port).start();
        System.out.println("Step Functions emulator listening on " + server.endpoint());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            service.close();
        }));
        Thread.currentThread().join();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }
}
