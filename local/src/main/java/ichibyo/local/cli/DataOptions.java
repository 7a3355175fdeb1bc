package ichibyo.local.cli;

import ichibyo.local.runtime.RuntimeOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR} and {@code --dynamodb-on-disk}: where a runtime keeps its state. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "the data directory (default: .ichibyo/local/ at the repository root)")
    Path data;

    @Option(names = "--dynamodb-on-disk", description = "keep DynamoDB's tables under DIR/dynamodb (default: in memory)")
    boolean dynamoDbOnDisk;

    /** The directory given, or null. */
    public Path given() {
        return data == null ? null : data.toAbsolutePath();
    }

    /** The directory given, or {@code .ichibyo/local/} at the repository root. */
    public Path directory() {
        return data != null ? data : RuntimeOptions.findRepositoryRoot().resolve(".ichibyo").resolve("local");
    }

    public boolean dynamoDbOnDisk() {
        return dynamoDbOnDisk;
    }
}
