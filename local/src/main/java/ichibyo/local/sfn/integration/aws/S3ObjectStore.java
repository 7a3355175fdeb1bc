package ichibyo.local.sfn.integration.aws;

import ichibyo.sfn.state.map.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The emulator's {@link ObjectStore} (Distributed Map {@code ItemReader} and {@code ResultWriter}) on S3 through
 * the SDK: the embedded S3 server locally, or S3 itself.
 */
public final class S3ObjectStore implements ObjectStore {
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
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return null;
        }
    }

    @Override
    public void put(String bucket, String key, byte[] data) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }

    @Override
    public List<ObjectSummary> list(String bucket, String prefix) {
        List<ObjectSummary> summaries = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                summaries.add(new ObjectSummary(o.key(), o.size(), o.eTag(), o.lastModified()));
            }
        } catch (NoSuchBucketException e) {
            return List.of();
        }
        return summaries;
    }
}
