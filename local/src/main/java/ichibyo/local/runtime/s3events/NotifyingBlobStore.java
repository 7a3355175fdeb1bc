package ichibyo.local.runtime.s3events;

import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Wraps S3Proxy's blob store and reports each object created (PUT, presigned PUT, copy, multipart
 * complete) once it is stored. S3Proxy has no event notifications of its own; every write of the
 * S3 API reaches one of these three calls.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {

    private final Consumer<ObjectCreated> listener;

    public NotifyingBlobStore(BlobStore delegate, Consumer<ObjectCreated> listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        created("ObjectCreated:Put", request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    private void created(String eventName, String bucket, String key) {
        // Size, ETag and version as stored, whatever the request declared (chunked uploads, copies).
        HeadObjectResponse head = delegate().blobMetadata(HeadObjectRequest.builder().bucket(bucket).key(key).build());
        String versionId = head.versionId() == null || head.versionId().equals("null") ? null : head.versionId();
        listener.accept(new ObjectCreated(eventName, bucket, key, head.contentLength() == null ? 0 : head.contentLength(),
                unquote(head.eTag()), versionId, Instant.now()));
    }

    private static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        return eTag.startsWith("\"") && eTag.endsWith("\"") && eTag.length() >= 2 ? eTag.substring(1, eTag.length() - 1) : eTag;
    }
}
