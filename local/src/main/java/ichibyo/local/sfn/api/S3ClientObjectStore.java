package ichibyo.local.sfn.api;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The Distributed Map's {@link ObjectStore} over an S3 client, e.g. one pointed at the embedded S3 server. */
public final class S3ClientObjectStore implements ObjectStore {
    private final S3Client s3;

    public S3ClientObjectStore(S3Client s3) {
        this.s3 = s3;
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
        List<ObjectSummary> out = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix == null ? "" : prefix);
            if (token != null) req.continuationToken(token);
            ListObjectsV2Response page = s3.listObjectsV2(req.build());
            for (S3Object o : page.contents()) out.add(new ObjectSummary(o.key(), o.size(), o.eTag(), o.lastModified()));
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return out;
    }
}
