package ichibyo.functions.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.encode.ChunkQuality;
import ichibyo.core.encode.EncodePlan;
import ichibyo.core.encode.exceptions.InvalidEncodeRequestException;
import ichibyo.core.media.MediaLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The encoding workflow's objects in the media bucket (keys in {@link ichibyo.core.encode.EncodeJob}): plans,
 * chunks and outputs, and presigned GET URLs through which ffmpeg reads a master or an output with input
 * seeking instead of downloading it.
 */
public final class EncodeStorage {
    /** A master is one object; more than a few under its prefix is a mistake, not a master. */
    private static final int MAX_MASTER_OBJECTS = 10;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public EncodeStorage(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** The one object under {@code prefix}, or {@code key} when the request names it (it must be under the prefix). */
    public String masterKey(String prefix, String key) {
        if (key != null) {
            if (!key.startsWith(prefix) || key.contains("..")) {
                throw new InvalidEncodeRequestException("masterKey " + key + " is not under " + prefix);
            }
            if (!exists(key)) {
                throw new MasterNotFoundException("no master at s3://" + bucket + "/" + key);
            }
            return key;
        }
        List<S3Object> objects = s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix).maxKeys(MAX_MASTER_OBJECTS)).contents();
        if (objects.isEmpty()) {
            throw new MasterNotFoundException("no master under s3://" + bucket + "/" + prefix);
        }
        if (objects.size() > 1) {
            throw new InvalidEncodeRequestException(objects.size() + " objects under " + prefix + ": name the master with masterKey");
        }
        return objects.getFirst().key();
    }

    public boolean exists(String key) {
        try {
            s3.headObject(h -> h.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public long size(String key) {
        return s3.headObject(h -> h.bucket(bucket).key(key)).contentLength();
    }

    /** A location ffmpeg reads the object from, valid for {@code lifetime}. */
    public MediaLocation url(String key, Duration lifetime) {
        return MediaLocation.of(presigner.presignGetObject(p -> p.signatureDuration(lifetime)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString());
    }

    public void putText(String key, String text, String contentType) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(text));
    }

    public void putFile(String key, Path file, String contentType) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    public void download(String key, Path file) {
        s3.getObject(g -> g.bucket(bucket).key(key), file);
    }

    public void copy(String from, String to) {
        s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
    }

    /** A chunk's measured quality, or null when there is none at {@code key}. */
    public ChunkQuality chunkQuality(String key) {
        try {
            return Json.mapper().readValue(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String(), ChunkQuality.class);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the chunk quality at " + key + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public EncodePlan plan(String key) {
        if (key == null || !key.startsWith("encodes/") || !key.endsWith("/plan.json")) {
            throw new InvalidEncodeRequestException("planKey must be encodes/{jobId}/plan.json, not " + key);
        }
        try {
            return EncodePlan.fromJson(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            throw new InvalidEncodeRequestException("no plan at s3://" + bucket + "/" + key);
        }
    }
}
