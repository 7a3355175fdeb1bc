package ichibyo.app;

/**
 * S3 sends {@code s3:ObjectCreated:*} events for keys under {@code prefix} ending in {@code suffix}
 * to {@code queue}. Empty strings match everything. As on AWS, the suffix is compared ignoring case
 * locally too, so {@code .MOV} uploads are not missed.
 */
public record ObjectCreatedNotification(String bucket, String prefix, String suffix, String queue) {}
