package ichibyo.local.runtime;

import ichibyo.app.AppDescription;
import ichibyo.app.Ichibyo;
import ichibyo.local.runtime.faults.Faults;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to run the local runtime.
 *
 * @param dataDirectory  where objects are kept (and, when {@code durable}, everything else); null for memory only
 * @param durable        keep tables, queues and their messages, and Step Functions executions under the data
 *                       directory too, so that a stop, a crash or a restart loses nothing (the default); false
 *                       for them in memory (objects stay on disk)
 * @param repositoryRoot where {@code statemachines/} is (definition files are paths relative to it)
 * @param ports          0 for a free port
 * @param faults         the transient failures to inject (default: {@code ICHIBYO_FAULTS}, see {@link Faults})
 */
public record RuntimeOptions(AppDescription app, Path dataDirectory, boolean durable, Path repositoryRoot,
        int s3Port, int dynamoDbPort, int sqsPort, int sfnPort, int eventsPort, int apiPort, Faults faults) {

    /** With the faults that {@code ICHIBYO_FAULTS} names, if any. */
    public RuntimeOptions(AppDescription app, Path dataDirectory, boolean durable, Path repositoryRoot,
            int s3Port, int dynamoDbPort, int sqsPort, int sfnPort, int eventsPort, int apiPort) {
        this(app, dataDirectory, durable, repositoryRoot, s3Port, dynamoDbPort, sqsPort, sfnPort, eventsPort, apiPort,
                Faults.fromEnvironment());
    }

    /** ichibyo's own resources, free ports, everything kept under {@code dataDirectory}. */
    public static RuntimeOptions of(Path dataDirectory) {
        return new RuntimeOptions(Ichibyo.app(), dataDirectory, true, findRepositoryRoot(), 0, 0, 0, 0, 0, 0);
    }

    public RuntimeOptions withFaults(Faults newFaults) {
        return new RuntimeOptions(app, dataDirectory, durable, repositoryRoot, s3Port, dynamoDbPort, sqsPort, sfnPort, eventsPort,
                apiPort, newFaults);
    }

    public RuntimeOptions withApp(AppDescription newApp) {
        return new RuntimeOptions(newApp, dataDirectory, durable, repositoryRoot, s3Port, dynamoDbPort, sqsPort, sfnPort, eventsPort,
                apiPort, faults);
    }

    /** Tables, queues and executions in memory ({@code false}) or under the data directory. */
    public RuntimeOptions withDurable(boolean keep) {
        return new RuntimeOptions(app, dataDirectory, keep, repositoryRoot, s3Port, dynamoDbPort, sqsPort, sfnPort, eventsPort, apiPort,
                faults);
    }

    public RuntimeOptions withPorts(int s3, int dynamoDb, int sqs, int sfn, int events, int api) {
        return new RuntimeOptions(app, dataDirectory, durable, repositoryRoot, s3, dynamoDb, sqs, sfn, events, api, faults);
    }

    /** The nearest directory, from the working directory up, that has {@code statemachines/} or the parent POM. */
    public static Path findRepositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("statemachines")) || Files.exists(dir.resolve("ichibyo-local"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
