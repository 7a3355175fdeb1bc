package ichibyo.local.sfn.integration.aws;

import ichibyo.functions.aws.S3CompatibleServer;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of the task integrations, one per service and region, created on first use. Endpoints come
 * from the explicit map when it names the service, else from the SDK's standard configuration
 * ({@code AWS_ENDPOINT_URL_S3}, {@code aws.endpointUrlS3}, the shared config file, or AWS's own endpoints).
 * S3 uses path-style addressing.
 */
public final class AwsClients implements AutoCloseable {
    private final Map<String, URI> endpoints;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoints   endpoints by SDK service id ({@code s3}, {@code dynamodb}, {@code sqs}, {@code sns},
     *                    {@code eventbridge}); services not named use the SDK's standard configuration
     * @param credentials the credentials, or null for the SDK's default chain
     */
    public AwsClients(Map<String, URI> endpoints, AwsCredentialsProvider credentials) {
        Map<String, URI> normalised = new ConcurrentHashMap<>();
        if (endpoints != null) {
            endpoints.forEach((k, v) -> normalised.put(k.toLowerCase(Locale.ROOT).equals("events") ? "eventbridge"
                    : k.toLowerCase(Locale.ROOT), v));
        }
        this.endpoints = normalised;
        this.credentials = credentials == null ? DefaultCredentialsProvider.builder().build() : credentials;
    }

    /** The S3 client of {@code region} (path-style; for the emulator's Distributed Map reader and writer). */
    public S3Client s3(String region) {
        return (S3Client) client(AwsService.S3, region);
    }

    SdkClient client(AwsService service, String region) {
        return clients.computeIfAbsent(service.sdkId() + "@" + region, k -> create(service, region));
    }

    private SdkClient create(AwsService service, String region) {
        URI endpoint = endpoints.get(service.sdkId());
        AwsClientBuilder<?, ?> builder = switch (service.sdkId()) {
            // An S3-compatible server, or S3 itself (path-style either way).
            case "s3" -> (endpoint != null ? S3CompatibleServer.clientBuilder(endpoint) : S3Client.builder().forcePathStyle(true))
                    .httpClient(http);
            case "dynamodb" -> DynamoDbClient.builder().httpClient(http);
            case "sqs" -> SqsClient.builder().httpClient(http);
            case "sns" -> SnsClient.builder().httpClient(http);
            case "eventbridge" -> EventBridgeClient.builder().httpClient(http);
            default -> throw new IllegalArgumentException("no SDK client for " + service.sdkId());
        };
        builder.region(Region.of(region)).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return (SdkClient) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        http.close();
    }
}
