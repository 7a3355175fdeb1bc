package ichibyo.local.runtime;

import ichibyo.local.sfn.api.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The emulator's Distributed Map reads items from and writes results to the runtime's S3. */
final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;

    S3ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public byte[] get(String bucket, String key) {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return null;
        }
    }

    @Override
    public void put(String bucket, String key, byte[] data) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }

    @Override
    public List<ObjectSummary> list(String bucket, String prefix) {
        List<ObjectSummary> out = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            out.add(new ObjectSummary(o.key(), o.size(), o.eTag(), o.lastModified()));
        }
        return out;
    }
}
