package ichibyo.local.runtime.s3events;

import java.time.Instant;

/**
 * An object that was just created, as S3 describes it in an event.
 *
 * @param eventName  {@code ObjectCreated:Put}, {@code ObjectCreated:Copy} or {@code ObjectCreated:CompleteMultipartUpload}
 * @param eTag       without quotes
 * @param versionId  null when the bucket is not versioned
 */
public record ObjectCreated(String eventName, String bucket, String key, long size, String eTag, String versionId, Instant time) {}
