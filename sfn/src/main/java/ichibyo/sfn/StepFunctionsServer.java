package ichibyo.sfn;

import ichibyo.sfn.api.StepFunctionsHttpServer;
import ichibyo.sfn.backend.StepFunctionsService;
import ichibyo.sfn.state.map.InMemoryObjectStore;
import ichibyo.sfn.state.map.ObjectStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts the Step Functions emulator alone: {@code StepFunctionsServer [--port 8083] [--data DIR]}.
 * With {@code --data}, state machines and executions are kept in DIR and open executions resume after a
 * restart; without it, everything is in memory. Alone, Task states have only {@code states:startExecution},
 * and Distributed Maps read and write an in-memory S3 store (ichibyo-local's server adds a real S3).
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
        serve(port, data == null ? null : Path.of(data), new InMemoryObjectStore());
    }

    /** Serves the API on loopback until the JVM exits; closes the service on shutdown. */
    public static void serve(int port, Path dataDir, ObjectStore store) throws Exception {
        StepFunctionsService service = new StepFunctionsService(s -> Optional.empty(), store, dataDir);
        StepFunctionsHttpServer server = new StepFunctionsHttpServer(service, port).start();
        System.out.println("Step Functions emulator listening on " + server.endpoint());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            service.close();
        }));
        Thread.currentThread().join();
    }

    static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }
}
