package ichibyo.functions.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Takes {@code Expect: 100-continue} off the S3 client's uploads, for S3-compatible servers (the embedded S3 of the
 * local runtime). The SDK adds it to every PutObject; through the JDK's URL connection, S3Proxy's Jetty then drops
 * about one PUT in 1,500 under load ("Unexpected end of file from server"), and none without it (BENCHMARKS.md). Not
 * used against S3 itself. The SDK's own switch ({@code S3Configuration.expectContinueEnabled}) came after the version
 * pinned here.
 */
public final class NoExpectContinue implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader("Expect").isPresent() ? request.toBuilder().removeHeader("Expect").build() : request;
    }
}
