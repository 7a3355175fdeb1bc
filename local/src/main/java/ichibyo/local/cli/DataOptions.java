package ichibyo.local.cli;

import ichibyo.local.runtime.RuntimeOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR} and {@code --in-memory}: where a runtime keeps its state. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "the data directory (default: .ichibyo/local/ at the repository root)")
    Path data;

    @Option(names = "--in-memory", description = "keep tables, queues and executions in memory, lost when the runtime stops "
            + "(default: under DIR, so that a stop, a crash or a restart loses nothing; objects are under DIR/s3 either way)")
    boolean inMemory;

    /** The directory given, or null. */
    public Path given() {
        return data == null ? null : data.toAbsolutePath();
    }

    /** The directory given, or {@code .ichibyo/local/} at the repository root. */
    public Path directory() {
        return data != null ? data : RuntimeOptions.findRepositoryRoot().resolve(".ichibyo").resolve("local");
    }

    /** Whether tables, queues and executions are kept under the data directory (the default). */
    public boolean durable() {
        return !inMemory;
    }
}
