package ichibyo.local.sfn.integration.aws;

import ichibyo.core.retry.RetryBackoff;
import ichibyo.functions.TransientFailureException;
import ichibyo.functions.aws.AwsFailures;
import ichibyo.sfn.state.map.ObjectStore;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The emulator's {@link ObjectStore} (Distributed Map {@code ItemReader} and {@code ResultWriter}) on S3 through
 * the SDK: the embedded S3 server locally, or S3 itself.
 *
 * <p>Step Functions retries its own S3 calls; so does this store, a few times with backoff, when a call fails for a
 * reason that may pass (a dropped connection, throttling, a 5xx). Without it one dropped connection while a run
 * writes its results would fail the whole run.
 */
public final class S3ObjectStore implements ObjectStore {
    /** Attempts per call, the first included. */
    static final int ATTEMPTS = 4;
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));

    private final S3Client s3;

    public S3ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    /** On the S3 client of the task integrations ({@link AwsClients}) for {@code region}. */
    public static S3ObjectStore of(AwsClients clients, String region) {
        return new S3ObjectStore(clients.s3(region));
    }

    @Override
    public byte[] get(String bucket, String key) {
        try {
            return retrying(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return null;
        }
    }

    @Override
    public void put(String bucket, String key, byte[] data) {
        retrying(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data)));
    }

    @Override
    public List<ObjectSummary> list(String bucket, String prefix) {
        // A listing that fails part way is started again: pages are not resumed across a dropped connection.
        return retrying(() -> {
            List<ObjectSummary> summaries = new ArrayList<>();
            try {
                for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                    summaries.add(new ObjectSummary(o.key(), o.size(), o.eTag(), o.lastModified()));
                }
            } catch (NoSuchBucketException e) {
                return List.of();
            }
            return summaries;
        });
    }

    /** {@code call}, again after a transient failure, up to {@link #ATTEMPTS} times; the last failure is thrown. */
    private static <T> T retrying(Supplier<T> call) {
        for (int failed = 1; ; failed++) {
            try {
                return call.get();
            } catch (SdkException | UncheckedIOException e) {
                RuntimeException sorted = e instanceof SdkException s ? AwsFailures.classify(s)
                        : AwsFailures.classify((UncheckedIOException) e);
                if (!(sorted instanceof TransientFailureException) || failed == ATTEMPTS) throw e;
                try {
                    Thread.sleep(BACKOFF.after(failed, ThreadLocalRandom.current()::nextDouble));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
