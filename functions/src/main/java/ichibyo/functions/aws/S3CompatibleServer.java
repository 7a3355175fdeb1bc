package ichibyo.functions.aws;

import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** S3 clients for an S3-compatible server (the local runtime's embedded S3) rather than S3 itself. */
public final class S3CompatibleServer {
    private S3CompatibleServer() {}

    /**
     * A client builder for the server at {@code endpoint}: path-style requests (it has no virtual-host buckets) and
     * no {@code Expect: 100-continue} ({@link NoExpectContinue}). Region, credentials and HTTP client are the caller's.
     */
    public static S3ClientBuilder clientBuilder(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new NoExpectContinue()));
    }
}
