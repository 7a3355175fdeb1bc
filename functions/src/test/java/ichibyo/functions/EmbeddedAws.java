package ichibyo.functions;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import ichibyo.functions.catalog.MediaCatalog;
import java.net.URI;
import java.util.Properties;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Real S3 (S3Proxy, in memory, checking signatures) and DynamoDB Local on loopback for the handler
 * tests, started the way ichibyo.local.services starts them (functions cannot depend on local).
 */
public final class EmbeddedAws implements AutoCloseable {
    public static final String ACCESS_KEY = "ichibyotest"; // DynamoDB Local accepts letters and digits only
    public static final String SECRET_KEY = "ichibyo-test-secret";
    public static final String BUCKET = "ichibyo-media";
    public static final String TABLE = "ichibyo-catalog";

    private final S3Proxy s3Proxy;
    private final Server dynamoServer;
    private final LocalDynamoDBServerHandler dynamoHandler;
    public final URI s3Endpoint;
    public final URI dynamoEndpoint;
    public final S3Client s3;
    public final S3Presigner presigner;
    public final DynamoDbClient dynamoDb;

    public EmbeddedAws() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        s3Proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        s3Proxy.start();
        while (!"STARTED".equals(s3Proxy.getState())) {
            Thread.sleep(5);
        }
        s3Endpoint = URI.create("http://127.0.0.1:" + s3Proxy.getPort());

        dynamoHandler = new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        dynamoServer = new Server();
        ServerConnector connector = new ServerConnector(dynamoServer);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        dynamoServer.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(dynamoHandler);
        dynamoServer.setHandler(new ContextHandlerCollection(context));
        dynamoServer.start();
        dynamoEndpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());

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
    }

    @Override
    public void close() throws Exception {
        s3.close();
        presigner.close();
        dynamoDb.close();
        s3Proxy.stop();
        dynamoServer.stop();
        dynamoHandler.close();
    }
}
