package ichibyo.local.cli;

import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code up}: starts everything, creates the resources, prints the endpoints, waits for Ctrl-C. */
final class UpCommand {

    int run(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("dynamodb-on-disk"));
        Path data = RuntimeConnection.dataDirectory(args);
        if (RuntimeConnection.running(data) != null) {
            System.err.println("ichibyo-local: 'up' already runs on " + data + " (" + data.resolve(RuntimeConnection.FILE) + ")");
            return 1;
        }
        RuntimeOptions options = RuntimeOptions.of(data).withDynamoDbOnDisk(args.flag("dynamodb-on-disk"))
                .withPorts(args.port("port-s3"), args.port("port-dynamodb"), args.port("port-sqs"), args.port("port-sfn"),
                        args.port("port-events"));
        LocalRuntime runtime = LocalRuntime.start(options);
        Endpoints e = runtime.endpoints();
        RuntimeConnection.write(data, e);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("\nichibyo-local: stopping");
            runtime.close();
            try {
                Files.deleteIfExists(data.resolve(RuntimeConnection.FILE));
            } catch (Exception ignored) {
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
        System.out.println("  EventBridge    " + e.events() + "  (PutEvents)");
        System.out.println();
        var app = runtime.app();
        System.out.printf("  %d buckets, %d tables, %d queues, %d notifications, %d state machines, %d functions, %d schedules, %d event buses%n",
                app.buckets().size(), app.tables().size(), app.queues().size(), app.notifications().size(),
                app.stateMachines().size(), app.functions().size(), app.schedules().size(), app.eventBuses().size());
        for (var s : app.schedules()) {
            System.out.println("  schedule " + s.name() + " " + s.expression() + " " + s.timeZone() + " next: "
                    + runtime.scheduler().next(s.name()).map(Object::toString).orElse("never"));
        }
        System.out.println();
        System.out.println("# For the AWS CLI and SDKs (AWS CLI < 2.13 needs --endpoint-url instead):");
        e.environment().forEach((k, v) -> System.out.println("export " + k + "=" + v));
        System.out.println();
        System.out.println("Ctrl-C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
