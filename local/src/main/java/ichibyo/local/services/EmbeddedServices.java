package ichibyo.local.services;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * S3, SQS and DynamoDB started together (in parallel) on loopback, with recording SNS and EventBridge endpoints,
 * and the standard AWS SDK configuration that reaches them.
 */
public final class EmbeddedServices implements AutoCloseable {
    /** The dummy credentials the services accept. */
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";

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

    /**
     * Starts the three services on free ports.
     *
     * @param dataDir null for everything in memory; else S3 objects under {@code dataDir/s3} and DynamoDB
     *                tables under {@code dataDir/dynamodb} (SQS queues are always in memory)
     */
    public static EmbeddedServices start(Path dataDir, String region, String accountId) {
        return start(dataDir, region, accountId, false);
    }

    /**
     * Starts the services on free ports.
     *
     * @param dataDir             as {@link #start(Path, String, String)}
     * @param checkS3Signatures   true: S3 accepts only {@link #ACCESS_KEY_ID}/{@link #SECRET_ACCESS_KEY} and checks
     *                            signatures, so presigned URLs are honoured as S3 honours them (expiry, signed
     *                            headers such as Content-Type); false: S3 accepts any request
     */
    public static EmbeddedServices start(Path dataDir, String region, String accountId, boolean checkS3Signatures) {
        // One thread each: the common pool has a single worker on a 2-core machine.
        ExecutorService starters = Executors.newFixedThreadPool(3);
        CompletableFuture<EmbeddedS3> s3 = CompletableFuture.supplyAsync(
                () -> EmbeddedS3.start(dataDir == null ? null : dataDir.resolve("s3"), 0,
                        checkS3Signatures ? ACCESS_KEY_ID : null, checkS3Signatures ? SECRET_ACCESS_KEY : null), starters);
        CompletableFuture<EmbeddedSqs> sqs = CompletableFuture.supplyAsync(() -> EmbeddedSqs.start(0, region, accountId), starters);
        CompletableFuture<EmbeddedDynamoDb> ddb = CompletableFuture.supplyAsync(
                () -> EmbeddedDynamoDb.start(dataDir == null ? null : dataDir.resolve("dynamodb"), 0), starters);
        try {
            CompletableFuture.allOf(s3, sqs, ddb).join();
        } catch (CompletionException e) {
            for (CompletableFuture<? extends EmbeddedService> f : List.of(s3, sqs, ddb)) {
                f.thenAccept(EmbeddedService::close);
            }
            throw e.getCause() instanceof RuntimeException re ? re : e;
        } finally {
            starters.shutdown();
        }
        return new EmbeddedServices(s3.join(), sqs.join(), ddb.join(), EmbeddedSns.start(0, region, accountId),
                EmbeddedEventBridge.start(0, region, accountId), region);
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    public EmbeddedSqs sqs() {
        return sqs;
    }

    public EmbeddedDynamoDb dynamoDb() {
        return dynamoDb;
    }

    /** Records what is published (topics are created with {@link EmbeddedSns#createTopic}). */
    public EmbeddedSns sns() {
        return sns;
    }

    /** Records the events put to any bus. */
    public EmbeddedEventBridge eventBridge() {
        return eventBridge;
    }

    /** Endpoints by SDK service id: {@code s3}, {@code sqs}, {@code dynamodb}, {@code sns}, {@code eventbridge}. */
    public Map<String, URI> endpoints() {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        endpoints.put("s3", s3.endpoint());
        endpoints.put("sqs", sqs.endpoint());
        endpoints.put("dynamodb", dynamoDb.endpoint());
        endpoints.put("sns", sns.endpoint());
        endpoints.put("eventbridge", eventBridge.endpoint());
        return endpoints;
    }

    /** The environment variables with which the AWS CLI and SDKs reach these services. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.endpoint().toString());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        return env;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (EmbeddedService service : List.of(eventBridge, sns, dynamoDb, sqs, s3)) {
            try {
                service.close();
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
