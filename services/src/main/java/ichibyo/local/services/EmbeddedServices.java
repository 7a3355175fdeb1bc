package ichibyo.local.services;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * The embedded services on loopback, started one way for the local runtime and for every module's
 * tests: S3, SQS and DynamoDB (in parallel: they take most of the start-up time), and recording SNS and
 * EventBridge endpoints; with the standard AWS SDK configuration that reaches them.
 *
 * <pre>{@code
 * try (EmbeddedServices aws = EmbeddedServices.builder().only(Service.S3, Service.DYNAMODB)
 *         .s3Credentials("key", "secret").start()) {
 *     URI s3 = aws.s3().endpoint();
 * }
 * }</pre>
 */
public final class EmbeddedServices implements AutoCloseable {
    /** The dummy credentials the services accept. */
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";

    /** A service that can be started. */
    public enum Service { S3, SQS, DYNAMODB, SNS, EVENTBRIDGE }

    private final EmbeddedS3 s3;
    private final EmbeddedSqs sqs;
    private final EmbeddedDynamoDb dynamoDb;
    private final EmbeddedSns sns;
    private final EmbeddedEventBridge eventBridge;
    private final String region;

    private EmbeddedServices(EmbeddedS3 s3, EmbeddedSqs sqs, EmbeddedDynamoDb dynamoDb, EmbeddedSns sns,
            EmbeddedEventBridge eventBridge, String region) {
        this.s3 = s3;
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.sns = sns;
        this.eventBridge = eventBridge;
        this.region = region;
    }

    /** Every service, in memory, on free ports, accepting any request, in {@code us-east-1}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every service on free ports.
     *
     * @param dataDir null for everything in memory; else S3 objects under {@code dataDir/s3} and DynamoDB
     *                tables under {@code dataDir/dynamodb} and SQS queues and messages under {@code dataDir/sqs}
     */
    public static EmbeddedServices start(Path dataDir, String region, String accountId) {
        return start(dataDir, region, accountId, false);
    }

    /**
     * Starts every service on free ports.
     *
     * @param dataDir             as {@link #start(Path, String, String)}
     * @param checkS3Signatures   true: S3 accepts only {@link #ACCESS_KEY_ID}/{@link #SECRET_ACCESS_KEY} and checks
     *                            signatures, so presigned URLs are honoured as S3 honours them (expiry, signed
     *                            headers such as Content-Type); false: S3 accepts any request
     */
    public static EmbeddedServices start(Path dataDir, String region, String accountId, boolean checkS3Signatures) {
        Builder builder = builder().region(region).accountId(accountId);
        if (dataDir != null) {
            builder.s3Directory(dataDir.resolve("s3")).dynamoDbDirectory(dataDir.resolve("dynamodb")).sqsDirectory(dataDir.resolve("sqs"));
        }
        if (checkS3Signatures) {
            builder.s3Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
        }
        return builder.start();
    }

    /** What to start, and how. */
    public static final class Builder {
        private Set<Service> services = EnumSet.allOf(Service.class);
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private Path s3Directory;
        private Path dynamoDbDirectory;
        private Path sqsDirectory;
        private String s3AccessKeyId;
        private String s3SecretKey;
        private UnaryOperator<BlobStore> s3BlobStore = UnaryOperator.identity();
        private final Map<Service, Integer> ports = new LinkedHashMap<>();
        private BiConsumer<String, Duration> onStarted = (name, took) -> { };

        private Builder() {}

        /** Only these services (the others' accessors then fail). */
        public Builder only(Service first, Service... more) {
            services = EnumSet.of(first, more);
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder accountId(String value) {
            accountId = value;
            return this;
        }

        /** S3's objects under {@code dir} (buckets are its subdirectories); null (the default) for memory. */
        public Builder s3Directory(Path dir) {
            s3Directory = dir;
            return this;
        }

        /** DynamoDB's tables in one file under {@code dir}; null (the default) for memory. */
        public Builder dynamoDbDirectory(Path dir) {
            dynamoDbDirectory = dir;
            return this;
        }

        /** SQS's queues and messages in a database under {@code dir} (one durable SQS per JVM); null (the default) for memory. */
        public Builder sqsDirectory(Path dir) {
            sqsDirectory = dir;
            return this;
        }

        /** S3 accepts these credentials only and checks signatures (presigned URLs too); default: any request. */
        public Builder s3Credentials(String accessKeyId, String secretKey) {
            s3AccessKeyId = accessKeyId;
            s3SecretKey = secretKey;
            return this;
        }

        /** S3's blob store wrapped, e.g. to see every object written (the local runtime's S3 event notifications). */
        public Builder s3BlobStore(UnaryOperator<BlobStore> decorate) {
            s3BlobStore = decorate;
            return this;
        }

        /** The port of {@code service}; 0 (the default) for a free one. */
        public Builder port(Service service, int port) {
            ports.put(service, port);
            return this;
        }

        /** Told, from the starting thread, each service's name and how long it took to start. */
        public Builder onStarted(BiConsumer<String, Duration> listener) {
            onStarted = listener;
            return this;
        }

        /** Starts the services; fails (and stops what did start) if any cannot. */
        public EmbeddedServices start() {
            try {
                return startInBackground().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }

        /** {@link #start()} on threads of its own, so that the caller can do other work meanwhile. */
        public CompletableFuture<EmbeddedServices> startInBackground() {
            CompletableFuture<EmbeddedS3> s3 = begin(Service.S3, "S3", () -> EmbeddedS3.start(s3Directory, port(Service.S3),
                    s3AccessKeyId, s3SecretKey, s3BlobStore));
            CompletableFuture<EmbeddedSqs> sqs = begin(Service.SQS, "SQS", () -> EmbeddedSqs.start(sqsDirectory, port(Service.SQS), region, accountId));
            CompletableFuture<EmbeddedDynamoDb> dynamoDb = begin(Service.DYNAMODB, "DynamoDB",
                    () -> EmbeddedDynamoDb.start(dynamoDbDirectory, port(Service.DYNAMODB)));
            CompletableFuture<EmbeddedSns> sns = begin(Service.SNS, "SNS", () -> EmbeddedSns.start(port(Service.SNS), region, accountId));
            CompletableFuture<EmbeddedEventBridge> eventBridge = begin(Service.EVENTBRIDGE, "EventBridge",
                    () -> EmbeddedEventBridge.start(port(Service.EVENTBRIDGE), region, accountId));
            List<CompletableFuture<? extends EmbeddedService>> all = List.of(s3, sqs, dynamoDb, sns, eventBridge);
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((ok, failure) -> {
                if (failure != null) {
                    // Whatever did start is stopped.
                    all.forEach(f -> f.thenAccept(service -> {
                        if (service != null) {
                            service.close();
                        }
                    }));
                    throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
                }
                return new EmbeddedServices(s3.join(), sqs.join(), dynamoDb.join(), sns.join(), eventBridge.join(), region);
            });
        }

        private int port(Service service) {
            return ports.getOrDefault(service, 0);
        }

        private <T> CompletableFuture<T> begin(Service service, String name, Supplier<T> start) {
            if (!services.contains(service)) {
                return CompletableFuture.completedFuture(null);
            }
            // A thread each: the common pool has a single worker on a 2-core machine, which would start them one by one.
            CompletableFuture<T> future = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("start-" + name).start(() -> {
                long t = System.nanoTime();
                try {
                    T started = start.get();
                    onStarted.accept(name, Duration.ofNanos(System.nanoTime() - t));
                    future.complete(started);
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
            return future;
        }
    }

    public EmbeddedS3 s3() {
        return started(s3, Service.S3);
    }

    public EmbeddedSqs sqs() {
        return started(sqs, Service.SQS);
    }

    public EmbeddedDynamoDb dynamoDb() {
        return started(dynamoDb, Service.DYNAMODB);
    }

    /** Records what is published (topics are created with {@link EmbeddedSns#createTopic}). */
    public EmbeddedSns sns() {
        return started(sns, Service.SNS);
    }

    /** Records the events put to any bus. */
    public EmbeddedEventBridge eventBridge() {
        return started(eventBridge, Service.EVENTBRIDGE);
    }

    private static <T> T started(T service, Service which) {
        if (service == null) {
            throw new IllegalStateException(which + " was not started (EmbeddedServices.Builder.only)");
        }
        return service;
    }

    private List<EmbeddedService> running() {
        List<EmbeddedService> running = new ArrayList<>();
        for (EmbeddedService service : new EmbeddedService[] {s3, sqs, dynamoDb, sns, eventBridge}) {
            if (service != null) {
                running.add(service);
            }
        }
        return running;
    }

    /** Endpoints by SDK service id: {@code s3}, {@code sqs}, {@code dynamodb}, {@code sns}, {@code eventbridge}. */
    public Map<String, URI> endpoints() {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        put(endpoints, "s3", s3);
        put(endpoints, "sqs", sqs);
        put(endpoints, "dynamodb", dynamoDb);
        put(endpoints, "sns", sns);
        put(endpoints, "eventbridge", eventBridge);
        return endpoints;
    }

    private static void put(Map<String, URI> endpoints, String id, EmbeddedService service) {
        if (service != null) {
            endpoints.put(id, service.endpoint());
        }
    }

    /** The environment variables with which the AWS CLI and SDKs reach these services. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        endpoints().forEach((id, uri) -> env.put("AWS_ENDPOINT_URL_" + id.toUpperCase(java.util.Locale.ROOT), uri.toString()));
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        return env;
    }

    /** Stops every service, the last started first. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        List<EmbeddedService> running = running();
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
