package ichibyo.functions.upload;

import java.time.Instant;
import java.util.Map;

/**
 * A presigned PUT: the client sends exactly {@code headers} with a body of the declared length;
 * any other content type or length does not match the signature and S3 refuses it.
 */
public record UploadUrl(String url, String method, String key, Map<String, String> headers, Instant expiresAt) {}
