package ichibyo.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.AppDescription;
import ichibyo.app.FargateTask;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.functions.aws.S3CompatibleServer;
import ichibyo.local.runtime.faults.FaultInjector;
import ichibyo.local.runtime.faults.Faults;
import ichibyo.local.runtime.auth.LocalTokens;
import ichibyo.local.runtime.http.LocalHttpApi;
import ichibyo.local.runtime.lambda.FunctionInvoker;
import ichibyo.local.runtime.lambda.LambdaRegistry;
import ichibyo.local.runtime.s3events.NotifyingBlobStore;
import ichibyo.local.runtime.s3events.ObjectCreated;
import ichibyo.local.runtime.s3events.S3EventNotifications;
import ichibyo.local.runtime.scheduler.LocalScheduler;
import ichibyo.local.runtime.sqs.SqsEventSourceMapping;
import ichibyo.local.services.EmbeddedEventBridge;
import ichibyo.local.services.EmbeddedServices;
import ichibyo.local.services.Ports;
import ichibyo.local.services.EmbeddedServices.Service;
import ichibyo.local.sfn.integration.DefaultTaskRunners;
import ichibyo.local.sfn.integration.aws.S3ObjectStore;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinition;
import ichibyo.local.sfn.integration.ecs.EcsTaskDefinitions;
import ichibyo.sfn.api.StepFunctionsHttpServer;
import ichibyo.sfn.backend.StepFunctionsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ichibyo on one machine: S3 (filesystem-backed), DynamoDB, SQS, the Step Functions emulator and an
 * EventBridge PutEvents endpoint, on loopback; the app's resources created from its description; S3
 * event notifications, SQS event source mappings, schedules, the HTTP API's routes. Lambda handlers run in this JVM: give it
 * the functions' environment variables (as {@code ichibyo-local up} does by relaunching itself) and a
 * Lambda-sized thread stack ({@code -Xss8m}; ONNX Runtime, used by score-media, overflows the default).
 *
 * <pre>{@code
 * try (LocalRuntime runtime = LocalRuntime.start(RuntimeOptions.of(Path.of(".ichibyo")))) {
 *     runtime.endpoints().environment().forEach((k, v) -> System.out.println(k + "=" + v));
 * }
 * }</pre>
 */
public final class LocalRuntime implements AutoCloseable {

    private final RuntimeOptions options;
    private final List<AutoCloseable> closeables = new ArrayList<>(); // closed in reverse order
    private StepFunctionsService sfnService;
    private StepFunctionsHttpServer sfnServer;
    private EmbeddedEventBridge eventBridge;
    private ichibyo.local.runtime.topics.LocalTopics topics;
    private Endpoints endpoints;
    private S3Client s3;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private SfnClient sfn;
    private LocalNames names;
    private DefaultTaskRunners runners;
    private LocalScheduler scheduler;
    private FaultInjector faults = FaultInjector.NONE;
    private LocalTokens tokens;
    private Duration startupTime;
    private final Map<String, Duration> phases = new java.util.concurrent.ConcurrentSkipListMap<>();

    private LocalRuntime(RuntimeOptions options) {
        this.options = options;
    }

    /** Starts the services and creates the described resources; fails (and stops what it started) if any cannot. */
    public static LocalRuntime start(RuntimeOptions options) {
        LocalRuntime runtime = new LocalRuntime(options);
        try {
            runtime.startAll();
            return runtime;
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() {
        long t0 = System.nanoTime();
        AppDescription app = options.app();
        if (!app.problems().isEmpty()) {
            throw new IllegalArgumentException("the app description is inconsistent: " + app.problems());
        }
        Path data = options.dataDirectory();
        // Tables, queues and executions under the data directory: a stop, a crash or a restart loses nothing.
        boolean durable = data != null && options.durable();
        String region = LocalNames.REGION;

        // The S3 event listener is bound once the queues exist; objects written before that have no
        // notifications to go to yet.
        AtomicReference<Consumer<ObjectCreated>> onCreated = new AtomicReference<>(o -> { });
        LambdaRegistry registry = new LambdaRegistry();
        EcsTaskDefinitions taskDefinitions = new EcsTaskDefinitions();

        // Ports are settled first, so that clients, task integrations and the emulator are built while the
        // servers start (in parallel: ElasticMQ and DynamoDB Local take most of the start-up time).
        int[] ports = Ports.choose(options.s3Port(), options.dynamoDbPort(), options.sqsPort(), options.sfnPort(),
                options.eventsPort(), options.apiPort());
        endpoints = Endpoints.onLoopback(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], region);
        // The servers start on threads of their own while clients, task integrations and the emulator are built.
        CompletableFuture<EmbeddedServices> starting = EmbeddedServices.builder()
                .only(Service.S3, Service.DYNAMODB, Service.SQS, Service.EVENTBRIDGE)
                .region(region).accountId(LocalNames.ACCOUNT)
                .s3Directory(data == null ? null : data.resolve("s3"))
                // SigV4 checked as on AWS: a tampered, unsigned or mis-sized presigned PUT is refused.
                .s3Credentials(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY)
                .s3BlobStore(store -> new NotifyingBlobStore(store, o -> onCreated.get().accept(o)))
                .dynamoDbDirectory(durable ? data.resolve("dynamodb") : null)
                .sqsDirectory(durable ? data.resolve("sqs") : null)
                .port(Service.S3, endpoints.s3().getPort()).port(Service.DYNAMODB, endpoints.dynamodb().getPort())
                .port(Service.SQS, endpoints.sqs().getPort()).port(Service.EVENTBRIDGE, endpoints.events().getPort())
                .onStarted(phases::put)
                .startInBackground();
        try {
            long c = System.nanoTime();
            s3 = closing(S3CompatibleServer.clientBuilder(endpoints.s3()).region(Region.of(region)).credentialsProvider(credentials())
                    .httpClient(UrlConnectionHttpClient.create()).build());
            dynamo = closing(DynamoDbClient.builder().endpointOverride(endpoints.dynamodb()).region(Region.of(region))
                    .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build());
            sqs = closing(SqsClient.builder().endpointOverride(endpoints.sqs()).region(Region.of(region))
                    .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build());
            sfn = closing(SfnClient.builder().endpointOverride(endpoints.sfn()).region(Region.of(region))
                    .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build());
            if (options.faults() != null && !options.faults().none()) {
                faults = new FaultInjector(options.faults());
                System.err.println("ichibyo-local: injecting faults (" + Faults.VARIABLE + "): " + options.faults());
            }
            DefaultTaskRunners.Builder tasks = DefaultTaskRunners.builder().lambdas(registry).ecsTaskDefinitions(taskDefinitions)
                    .faults(faults);
            if (data != null) {
                tasks.ecsLogDirectory(data.resolve("logs/ecs"));
            }
            runners = closing(tasks
                    .endpoints(Map.of("s3", endpoints.s3(), "dynamodb", endpoints.dynamodb(), "sqs", endpoints.sqs(),
                            "eventbridge", endpoints.events()))
                    // Fargate tasks are other processes: they find every service (Step Functions too, for their task
                    // tokens) and the credentials through the standard environment, as the AWS CLI does.
                    .ecsEnvironment(endpoints.environment())
                    .credentials(credentials())
                    .build());
            // Executions open when the runtime last stopped (or was killed) resume once their functions are registered.
            sfnService = closing(new StepFunctionsService(runners, new S3ObjectStore(s3), durable ? data.resolve("sfn") : null, false));
            sfnServer = closing(new StepFunctionsHttpServer(sfnService, endpoints.sfn().getPort()).start());
            // In-process handlers find the services through the SDK's standard configuration.
            endpoints.sdkSystemProperties().forEach(System::setProperty);
            phase("clients and emulator", c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // Wait for the servers, so that they are stopped with the rest if anything failed.
            starting.exceptionally(e -> null).join();
            starting.thenAccept(this::closing);
        }
        eventBridge = starting.join().eventBridge();
        // No SNS here: the described topics record their messages, and the described rules route events to them.
        topics = new ichibyo.local.runtime.topics.LocalTopics(app.topics(), app.eventRules(), data == null ? null : data.resolve("topics"),
                "arn:aws:sns:" + region + ":" + LocalNames.ACCOUNT + ":");
        eventBridge.onEvent(topics::route);
        long servicesUp = System.nanoTime();

        ResourceCreator creator = new ResourceCreator(app, options.repositoryRoot());
        // Buckets, tables and queues do not depend on each other: created side by side.
        CompletableFuture<Void> buckets = inParallel("buckets", () -> creator.createBuckets(s3));
        CompletableFuture<Void> tables = inParallel("tables", () -> creator.createTables(dynamo));
        Map<String, String> queueUrls = creator.createQueues(sqs, new LocalNames(region, LocalNames.ACCOUNT, q -> null));
        long t = phase("queues", servicesUp);
        buckets.join();
        tables.join();
        names = new LocalNames(region, LocalNames.ACCOUNT, q -> {
            String url = queueUrls.get(q);
            if (url == null) {
                throw new IllegalArgumentException("no queue " + q + " in the app description");
            }
            return url;
        });
        LocalFunctions.register(app, names, registry);
        for (FargateTask task : app.tasks()) {
            // The command runs from the repository root, where its relative paths (jars, scripts) are.
            taskDefinitions.register(new EcsTaskDefinition(task.name(), 1, task.containerName(), task.command(), names.resolve(task.environment()),
                    options.repositoryRoot(), Integer.toString(task.cpu()), Integer.toString(task.memoryMb())));
        }
        creator.createStateMachines(sfn, names);
        t = phase("state machines", t);

        S3EventNotifications notifications = closing(new S3EventNotifications(app.notifications(), sqs, names::queueUrl, region));
        onCreated.set(notifications);
        for (Function f : app.functions()) {
            for (Function.SqsEventSource source : f.eventSources()) {
                closing(new SqsEventSourceMapping(f.name(), source, names.queueUrl(source.queue()), names.queueArn(source.queue()),
                        region, sqs, invoker()).start());
            }
        }
        // Tokens outlive a restart with the data directory: the key is kept there.
        tokens = data == null ? LocalTokens.inMemory() : LocalTokens.of(data);
        closing(LocalHttpApi.start(app.functions(), invoker(), tokens, endpoints.api().getPort()));
        scheduler = closing(new LocalScheduler(app.schedules(),
                (machine, input) -> sfn.startExecution(r -> r.stateMachineArn(names.stateMachineArn(machine)).input(input)).executionArn(),
                Clock.systemDefaultZone()).start());
        int resumed = sfnService.resumeOpenExecutions();
        if (resumed > 0) {
            System.err.println("ichibyo-local: " + resumed + " execution(s) open when the runtime stopped resume from their last state");
        }
        // A lost S3 event (a crash between an upload and its scoring) heals now, not at the next hourly run; the runtime
        // is up once the lost events are back in the queue (or after a minute, if the listing is that long).
        app.schedule(Ichibyo.RECONCILE_ORIGINALS).ifPresent(s -> awaitQuietly(scheduler.fireNow(s.name()), Duration.ofMinutes(1)));
        long end = System.nanoTime();
        startupTime = Duration.ofNanos(end - t0);
        phases.put("services", Duration.ofNanos(servicesUp - t0));
        phases.put("resources and wiring", Duration.ofNanos(end - servicesUp));
    }

    private void awaitQuietly(LocalScheduler.Firing firing, Duration limit) {
        if (firing.executionArn() == null) {
            System.err.println("ichibyo-local: " + firing.schedule() + " could not start: " + firing.error());
            return;
        }
        long end = System.nanoTime() + limit.toNanos();
        try {
            while (System.nanoTime() < end) {
                var run = sfn.describeExecution(r -> r.executionArn(firing.executionArn()));
                if (run.status() != software.amazon.awssdk.services.sfn.model.ExecutionStatus.RUNNING) {
                    if (run.status() != software.amazon.awssdk.services.sfn.model.ExecutionStatus.SUCCEEDED) {
                        System.err.println("ichibyo-local: " + firing.schedule() + " " + run.status() + ": " + run.error() + " " + run.cause());
                    }
                    return;
                }
                Thread.sleep(50);
            }
            System.err.println("ichibyo-local: " + firing.schedule() + " still runs; the runtime is up meanwhile");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The configured port, or a free one. */
    private long phase(String name, long since) {
        long now = System.nanoTime();
        phases.put(name, Duration.ofNanos(now - since));
        return now;
    }

    private CompletableFuture<Void> inParallel(String phase, Runnable work) {
        // A thread each: the common pool has a single thread on two cores.
        CompletableFuture<Void> future = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("create-" + phase).start(() -> {
            long t = System.nanoTime();
            try {
                work.run();
                future.complete(null);
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
            phases.put(phase, Duration.ofNanos(System.nanoTime() - t));
        });
        return future;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY));
    }

    private synchronized <T extends AutoCloseable> T closing(T resource) {
        closeables.add(resource);
        return resource;
    }

    /** Invokes a function of the app in this JVM, as Lambda's synchronous Invoke does. */
    public FunctionInvoker invoker() {
        return LocalFunctions.invoker(runners.lambda(), names);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The faults injected into Lambda invocations and ECS tasks ({@link FaultInjector#NONE} unless configured), and their counts. */
    public FaultInjector faults() {
        return faults;
    }

    public LocalNames names() {
        return names;
    }

    public AppDescription app() {
        return options.app();
    }

    public LocalScheduler scheduler() {
        return scheduler;
    }

    /** Issues the bearer tokens its HTTP API takes: {@code tokens().issue("tanaka-haruto")} signs in as that user. */
    public LocalTokens tokens() {
        return tokens;
    }

    /** Every event put on any bus, oldest first. */
    public List<JsonNode> events() {
        return eventBridge.events();
    }

    /** The events put on {@code bus} (through PutEvents or the emulator's events:putEvents), oldest first. */
    public List<JsonNode> events(String bus) {
        return eventBridge.events().stream().filter(e -> e.path("event-bus-name").asText().equals(bus)).toList();
    }

    /** The messages published to the described {@code topic} (by the described event rules), oldest first. */
    public List<JsonNode> topicMessages(String topic) {
        return topics.messages(topic);
    }

    /** The emulator's service, for the runtime's own use (its HTTP API is at {@code endpoints().sfn()}). */
    public StepFunctionsService stepFunctions() {
        return sfnService;
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamoDb() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public SfnClient sfn() {
        return sfn;
    }

    /** From the call to {@link #start} until the resources were created. */
    public Duration startupTime() {
        return startupTime;
    }

    /** How long each part of the start-up took (the three servers start in parallel). */
    public Map<String, Duration> startupPhases() {
        return Map.copyOf(phases);
    }

    /** Stops everything it started, newest first; safe to call twice. */
    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                System.err.println("ichibyo-local: stopping " + closeables.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        closeables.clear();
    }
}
