package ichibyo.local.cli;

import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code up}: starts everything, creates the resources, prints the endpoints, waits for Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start everything, create the resources, print the endpoints; Ctrl-C stops.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;
    @Mixin
    PortOptions portOptions;

    @Override
    public Integer call() throws Exception {
        Path data = dataOptions.directory();
        if (RuntimeConnection.running(data) != null) {
            System.err.println("ichibyo-local: 'up' already runs on " + data + " (" + data.resolve(RuntimeConnection.FILE) + ")");
            return 1;
        }
        // Ports are chosen before the start, so that the handlers' JVM can get the endpoints in its environment.
        PlannedPorts ports = PlannedPorts.from(portOptions);
        OptionalInt child = Relaunch.withRuntime(List.of("up"), data, dataOptions.dynamoDbOnDisk(), ports);
        if (child.isPresent()) {
            return child.getAsInt();
        }

        RuntimeOptions options = ports.applyTo(RuntimeOptions.of(data).withDynamoDbOnDisk(dataOptions.dynamoDbOnDisk()));
        LocalRuntime runtime = LocalRuntime.start(options);
        Endpoints e = runtime.endpoints();
        RuntimeConnection.write(data, e);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("\nichibyo-local: stopping");
            runtime.close();
            try {
                Files.deleteIfExists(data.resolve(RuntimeConnection.FILE));
            } catch (IOException ignored) {
                // the file is checked against a live port anyway
            }
            stopped.countDown();
        }));

        System.out.printf("ichibyo-local is up in %.1f s (data: %s, DynamoDB %s)%n", runtime.startupTime().toMillis() / 1000.0,
                data, options.dynamoDbOnDisk() ? "on disk" : "in memory");
        System.out.println();
        System.out.println("  S3             " + e.s3());
        System.out.println("  DynamoDB       " + e.dynamodb());
        System.out.println("  SQS            " + e.sqs());
        System.out.println("  Step Functions " + e.sfn());
        System.out.println("  EventBridge    " + e.events() + "  (PutEvents, recorded)");
        System.out.println("  HTTP API       " + e.api());
        runtime.app().functions().forEach(f -> f.httpRoutes().forEach(r ->
                System.out.println("                   " + r.key() + " → " + f.name())));
        System.out.println("                   (Authorization: Bearer $(./ichibyo-local token USER" + (dataOptions.given() == null ? "" : " --data " + data)
                + "))");
        System.out.println();
        var app = runtime.app();
        System.out.printf("  %d buckets, %d tables, %d queues, %d S3 notifications, %d state machines, %d functions, %d Fargate tasks,"
                        + " %d schedules, %d event buses%n",
                app.buckets().size(), app.tables().size(), app.queues().size(), app.notifications().size(),
                app.stateMachines().size(), app.functions().size(), app.tasks().size(), app.schedules().size(), app.eventBuses().size());
        for (var s : app.schedules()) {
            System.out.println("  schedule " + s.name() + " " + s.expression() + " " + s.timeZone() + ", next: "
                    + runtime.scheduler().next(s.name()).map(Object::toString).orElse("never"));
        }
        System.out.println();
        System.out.println("# For the AWS CLI and SDKs (AWS CLI < 2.13 needs --endpoint-url instead):");
        e.environment().forEach((k, v) -> System.out.println("export " + k + "=" + v));
        System.out.println();
        System.out.println("Ctrl-C stops. Events put on the buses are shown as they arrive.");
        System.out.flush();
        int shown = 0;
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            var recorded = runtime.events();
            for (; shown < recorded.size(); shown++) {
                var ev = recorded.get(shown);
                System.out.println("event on " + ev.path("event-bus-name").asText() + ": " + ev.path("source").asText() + " "
                        + ev.path("detail-type").asText() + " " + ev.path("detail"));
            }
        }
        return 0;
    }
}
