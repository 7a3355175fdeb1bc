package ichibyo.functions.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS clients of the functions, configured the standard SDK way: region from {@code AWS_REGION},
 * credentials from the function's {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}
 * as Lambda sets them, else the default chain (SnapStart functions get theirs from the container endpoint), endpoints from {@code AWS_ENDPOINT_URL_S3},
 * {@code AWS_ENDPOINT_URL_DYNAMODB} or {@code AWS_ENDPOINT_URL} when set (the local runtime sets
 * them; on AWS they are unset). S3-compatible servers without virtual-host buckets need
 * path-style requests: {@code AWS_S3_FORCE_PATH_STYLE=true}.
 */
public record AwsClients(S3Client s3, S3Presigner presigner, DynamoDbClient dynamoDb) {

    /** Clients from the environment, as on Lambda. */
    public static AwsClients fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Clients configured by {@code env} (a function's environment; in-process locally, where the JVM's own
     * environment is not the function's, the SDK finds endpoints and region in system properties too).
     */
    public static AwsClients fromEnvironment(java.util.Map<String, String> env) {
        boolean pathStyle = Boolean.parseBoolean(env.get("AWS_S3_FORCE_PATH_STYLE"));
        S3Configuration s3Config = S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build();
        S3Presigner.Builder presigner = S3Presigner.builder().serviceConfiguration(s3Config);
        // The presigner does not read the endpoint variables itself.
        String s3Endpoint = firstSet(env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"),
                System.getProperty("aws.endpointUrlS3"));
        if (s3Endpoint != null) {
            presigner.endpointOverride(URI.create(s3Endpoint));
        }
        AwsCredentialsProvider credentials = credentials(env);
        S3ClientBuilder s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).serviceConfiguration(s3Config)
                .credentialsProvider(credentials);
        if (s3Endpoint != null) {
            // An S3-compatible server; its endpoint and path style come from the environment here, not from
            // S3CompatibleServer.clientBuilder as for the runtime's own clients.
            s3.overrideConfiguration(c -> c.addExecutionInterceptor(new NoExpectContinue()));
        }
        return new AwsClients(
                s3.build(),
                presigner.credentialsProvider(credentials).build(),
                DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials).build());
    }

    /**
     * The credentials in {@code env} when it has them (read at each use, as the SDK's environment provider
     * does), else the default chain. In-process locally each function's environment carries the runtime's
     * credentials, which its S3 checks signatures against.
     */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        AwsCredentialsProvider fromEnv = () -> {
            String id = env.get("AWS_ACCESS_KEY_ID");
            String secret = env.get("AWS_SECRET_ACCESS_KEY");
            if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
                throw SdkClientException.create("no AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the function's environment");
            }
            String token = env.get("AWS_SESSION_TOKEN");
            return token == null || token.isBlank() ? AwsBasicCredentials.create(id, secret)
                    : AwsSessionCredentials.create(id, secret, token);
        };
        return AwsCredentialsProviderChain.builder().credentialsProviders(fromEnv, DefaultCredentialsProvider.builder().build()).build();
    }

    /** An EventBridge client configured the same way (endpoint from {@code AWS_ENDPOINT_URL_EVENTBRIDGE} when set). */
    public static EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
