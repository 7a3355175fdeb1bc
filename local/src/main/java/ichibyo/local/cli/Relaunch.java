package ichibyo.local.cli;

import ichibyo.app.Ichibyo;
import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalFunctions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Handlers run in this JVM and read their configuration from environment variables, as on Lambda;
 * a JVM's environment cannot change once it runs. So a command that runs handlers starts itself
 * again, once, in a child JVM whose environment has what the handlers need.
 */
public final class Relaunch {

    private static final String MARK = "ICHIBYO_LOCAL_RELAUNCHED";

    private Relaunch() {}

    /** Whether this JVM's environment already has every variable of {@code env} with its value. */
    static boolean satisfied(Map<String, String> env) {
        return env.entrySet().stream().allMatch(e -> e.getValue().equals(System.getenv(e.getKey())));
    }

    /** The runtime JVM's options, from {@code runtime.jvm-options} beside this class (each with its reason there). */
    static List<String> runtimeJvmOptions() throws java.io.IOException {
        try (var in = Relaunch.class.getResourceAsStream("runtime.jvm-options")) {
            if (in == null) {
                throw new IllegalStateException("runtime.jvm-options is missing from the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    /**
     * For a command that runs the app's handlers in-process on a runtime it starts ({@code up},
     * {@code demo}): relaunches {@code command} with the functions' environment for the planned ports,
     * on the same data directory and ports.
     */
    public static OptionalInt withRuntime(List<String> command, Path data, boolean durable, PlannedPorts ports) throws Exception {
        Endpoints planned = ports.endpoints();
        Map<String, String> env = LocalFunctions.environment(Ichibyo.app(), LocalFunctions.names(planned), planned);
        List<String> again = new ArrayList<>(command);
        again.addAll(List.of("--data", data.toString()));
        again.addAll(ports.arguments());
        if (!durable) {
            again.add("--in-memory");
        }
        return ifNeeded(again, env);
    }

    /**
     * Runs {@code ichibyo-local ARGS} in a child JVM with {@code env} added, its output on this
     * process's, and returns its exit status; empty when this JVM already has the environment (or is
     * itself the child), in which case the caller goes on in-process.
     */
    static OptionalInt ifNeeded(List<String> args, Map<String, String> env) throws Exception {
        if (satisfied(env) || System.getenv(MARK) != null) {
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(runtimeJvmOptions());
        // The embedded services use what newer JDKs warn about at start (DynamoDB Local loads SQLite's native
        // library; ElasticMQ's Pekko uses sun.misc.Unsafe): allowed, so that the warnings do not bury the output.
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        String classPath = System.getProperty("java.class.path");
        if (classPath.length() > 2000) {
            // In an argument file: ONNX Runtime (score-media) crashes when it starts in a process whose command line is
            // longer than about 5 KB, as a class path of many jars makes it.
            java.nio.file.Path argFile = java.nio.file.Files.createTempFile("ichibyo-local-", ".args");
            argFile.toFile().deleteOnExit();
            java.nio.file.Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\") + "\"\n");
            command.add("@" + argFile);
        } else {
            command.add("-cp");
            command.add(classPath);
        }
        command.add(Main.class.getName());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        pb.environment().put(MARK, "1");
        Process child = pb.start();
        // Standard output through System.out, so that callers in this JVM (tests) see it.
        Thread copy = Thread.ofPlatform().daemon().start(() -> {
            try (var in = child.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    System.out.write(buffer, 0, n);
                    System.out.flush();
                }
            } catch (java.io.IOException e) {
                // the child is gone
            }
        });
        // Ctrl-C or SIGTERM: the child stops too, and this process ends only after it (its services are stopped).
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            int status = child.waitFor();
            copy.join();
            return OptionalInt.of(status);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }
}
