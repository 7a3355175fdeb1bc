package ichibyo.local.runtime;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running services listen, and the standard environment that points the AWS CLI and any
 * AWS SDK at them ({@code AWS_ENDPOINT_URL_<SERVICE>}, region, dummy credentials).
 *
 * @param api the app's HTTP API (the routes of its functions), {@code ICHIBYO_API_URL} for clients
 */
public record Endpoints(URI s3, URI dynamodb, URI sqs, URI sfn, URI events, URI api, String region) {

    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local-secret";

    /** Endpoints on loopback ports chosen beforehand (the runtime is then started on the same ports). */
    public static Endpoints onLoopback(int s3, int dynamodb, int sqs, int sfn, int events, int api, String region) {
        return new Endpoints(loopback(s3), loopback(dynamodb), loopback(sqs), loopback(sfn), loopback(events), loopback(api), region);
    }

    private static URI loopback(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The environment variables, in a stable order. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_S3", s3.toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamodb.toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.toString());
        env.put("AWS_ENDPOINT_URL_SFN", sfn.toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", events.toString());
        env.put("ICHIBYO_API_URL", api.toString());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        // S3Proxy serves path-style URLs only.
        env.put("AWS_S3_FORCE_PATH_STYLE", "true");
        return env;
    }

    /**
     * The same settings as Java system properties, which the AWS SDK for Java reads too: handlers run
     * in this JVM, whose environment cannot change, and still find the services by the SDK's standard
     * configuration.
     */
    public Map<String, String> sdkSystemProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aws.endpointUrlS3", s3.toString());
        p.put("aws.endpointUrlDynamoDb", dynamodb.toString());
        p.put("aws.endpointUrlSqs", sqs.toString());
        p.put("aws.endpointUrlSfn", sfn.toString());
        p.put("aws.endpointUrlEventBridge", events.toString());
        p.put("aws.region", region);
        p.put("aws.accessKeyId", ACCESS_KEY);
        p.put("aws.secretAccessKey", SECRET_KEY);
        return p;
    }
}
