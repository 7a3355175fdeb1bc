package ichibyo.functions;

import ichibyo.functions.catalog.MediaCatalog;
import ichibyo.local.services.EmbeddedServices;
import ichibyo.local.services.EmbeddedServices.Service;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Real S3 (in memory, checking signatures) and DynamoDB Local on loopback for the handler tests,
 * started by {@link EmbeddedServices} as the local runtime starts them; with clients, the media bucket
 * and the catalog table.
 */
public final class EmbeddedAws implements AutoCloseable {
    public static final String ACCESS_KEY = "ichibyotest"; // DynamoDB Local accepts letters and digits only
    public static final String SECRET_KEY = "ichibyo-test-secret";
    public static final String BUCKET = "ichibyo-media";
    public static final String TABLE = "ichibyo-catalog";
    /** Who belongs to which family (ichibyo.functions.family.Memberships). */
    public static final String MEMBERSHIPS_TABLE = "ichibyo-memberships";

    private final EmbeddedServices services;
    public final URI s3Endpoint;
    public final URI dynamoEndpoint;
    public final S3Client s3;
    public final S3Presigner presigner;
    public final DynamoDbClient dynamoDb;

    public EmbeddedAws() {
        services = EmbeddedServices.builder().only(Service.S3, Service.DYNAMODB).s3Credentials(ACCESS_KEY, SECRET_KEY).start();
        s3Endpoint = services.s3().endpoint();
        dynamoEndpoint = services.dynamoDb().endpoint();

        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        s3 = S3Client.builder().endpointOverride(s3Endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .serviceConfiguration(pathStyle).build();
        presigner = S3Presigner.builder().endpointOverride(s3Endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .serviceConfiguration(pathStyle).build();
        dynamoDb = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();

        s3.createBucket(b -> b.bucket(BUCKET));
        dynamoDb.createTable(MediaCatalog.createTableRequest(TABLE));
        dynamoDb.createTable(ichibyo.functions.family.Memberships.createTableRequest(MEMBERSHIPS_TABLE));
    }

    @Override
    public void close() {
        s3.close();
        presigner.close();
        dynamoDb.close();
        services.close();
    }
}
