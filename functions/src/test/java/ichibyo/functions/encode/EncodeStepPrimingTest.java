package ichibyo.functions.encode;

import static org.assertj.core.api.Assertions.assertThatCode;

import ichibyo.core.encode.ProfileCatalog;
import ichibyo.core.media.FfmpegRunner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SnapStart-ready encode steps prime before the snapshot without touching the network: with every service
 * unreachable (port 9, discard), their hooks still run: seed profiles read, Jackson over each step's input, a URL signed.
 */
class EncodeStepPrimingTest {
    static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));

    @Test
    void snapStartSteps_primeWithEveryServiceUnreachable() {
        try (S3Client s3 = S3Client.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1).credentialsProvider(KEYS)
                        .httpClient(UrlConnectionHttpClient.create()).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1).credentialsProvider(KEYS).build();
             DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1).credentialsProvider(KEYS)
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            EncodeSteps steps = new EncodeSteps(new EncodeStorage(s3, presigner, "bucket"), new EncodeWorkLog(dynamoDb, "jobs", Clock.systemUTC()),
                    FfmpegRunner.local(), new ProfileStore(dynamoDb, "profiles", ProfileCatalog.seeds()), Duration.ofMinutes(1), 0.3, EncodeSteps.chunkLimits("4/10/20"), 600);
            Map<String, String> env = Map.of();
            List<EncodeStepHandler<?, ?>> handlers = List.of(new ProbeMasterHandler(steps, env), new PlanChunksHandler(steps, env),
                    new EncodeChunkHandler(steps, env), new VerifyOutputHandler(steps, env), new PlaceOutputsHandler(steps, env),
                    new RecordEncodeFailureHandler(steps, env));
            for (EncodeStepHandler<?, ?> handler : handlers) {
                assertThatCode(() -> handler.beforeCheckpoint(null)).as(handler.getClass().getSimpleName()).doesNotThrowAnyException();
            }
        }
    }
}
