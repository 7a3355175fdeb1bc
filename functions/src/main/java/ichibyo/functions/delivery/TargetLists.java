package ichibyo.functions.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Joins the scan segments' JSON Lines into the one list a Distributed Map reads, streaming: parts are
 * read one after another and written as a multipart upload, so a list of millions of families never
 * sits in memory (at most one 8 MiB part does).
 */
public final class TargetLists {

    /** S3's smallest part but the last is 5 MiB; 8 MiB parts keep a 5-million-family list under 100 parts. */
    static final int PART_BYTES = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;

    public TargetLists(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Writes the lines of {@code parts}, in order, to {@code key}; returns the bytes written. */
    public long join(List<String> parts, String key) {
        Upload upload = new Upload(key);
        byte[] chunk = new byte[64 * 1024];
        try {
            for (String part : parts) {
                try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(part))) {
                    int n;
                    int last = '\n';
                    while ((n = in.read(chunk)) > 0) {
                        upload.write(chunk, n);
                        last = chunk[n - 1];
                    }
                    if (last != '\n') {
                        upload.write(new byte[] {'\n'}, 1); // a part without a final newline must not glue two lines
                    }
                }
            }
            return upload.finish();
        } catch (IOException e) {
            upload.abort();
            throw new UncheckedIOException("reading a target list part failed", e);
        } catch (RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    /** One object: a plain PUT when everything fits one part, else a multipart upload. */
    private final class Upload {
        final String key;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream(PART_BYTES);
        final List<CompletedPart> parts = new ArrayList<>();
        String uploadId;
        long total;

        Upload(String key) {
            this.key = key;
        }

        void write(byte[] bytes, int length) {
            buffer.write(bytes, 0, length);
            total += length;
            if (buffer.size() >= PART_BYTES) {
                flushPart();
            }
        }

        void flushPart() {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType("application/x-ndjson")).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(buffer.toByteArray())).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            buffer.reset();
        }

        long finish() {
            if (uploadId == null) {
                s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/x-ndjson"),
                        RequestBody.fromBytes(buffer.toByteArray()));
                return total;
            }
            if (buffer.size() > 0) {
                flushPart();
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        }

        void abort() {
            if (uploadId != null) {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            }
        }
    }
}
