package ichibyo.local.cli;

import ichibyo.local.runtime.Endpoints;
import ichibyo.local.runtime.LocalRuntime;
import ichibyo.local.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The runtime a command talks to: the one {@code up} is running (its endpoints are in
 * {@code DATA/runtime.properties}), or, when none answers, one started for this command alone.
 */
final class RuntimeConnection implements AutoCloseable {

    static final String FILE = "runtime.properties";

    private final Endpoints endpoints;
    private final LocalRuntime started;
    private final SfnClient sfn;

    private RuntimeConnection(Endpoints endpoints, LocalRuntime started) {
        this.endpoints = endpoints;
        this.started = started;
        this.sfn = SfnClient.builder().endpointOverride(endpoints.sfn()).region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The running runtime's endpoints, if {@code up} runs on this data directory. */
    static Endpoints running(Path data) {
        Path file = data.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        Endpoints e = new Endpoints(URI.create(p.getProperty("s3")), URI.create(p.getProperty("dynamodb")),
                URI.create(p.getProperty("sqs")), URI.create(p.getProperty("sfn")), URI.create(p.getProperty("events")),
                URI.create(p.getProperty("api")), p.getProperty("region"));
        return answers(e.sfn()) ? e : null;
    }

    static void write(Path data, Endpoints e) throws IOException {
        Properties p = new Properties();
        p.setProperty("s3", e.s3().toString());
        p.setProperty("dynamodb", e.dynamodb().toString());
        p.setProperty("sqs", e.sqs().toString());
        p.setProperty("sfn", e.sfn().toString());
        p.setProperty("events", e.events().toString());
        p.setProperty("api", e.api().toString());
        p.setProperty("region", e.region());
        Files.createDirectories(data);
        try (OutputStream out = Files.newOutputStream(data.resolve(FILE))) {
            p.store(out, "written by ichibyo-local up; removed when it stops");
        }
    }

    private static boolean answers(URI endpoint) {
        try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The endpoints in this process's environment ({@code AWS_ENDPOINT_URL_*}), if they all are and answer. */
    static Endpoints fromEnvironment() {
        String s3 = System.getenv("AWS_ENDPOINT_URL_S3");
        String dynamodb = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        String sqs = System.getenv("AWS_ENDPOINT_URL_SQS");
        String sfn = System.getenv("AWS_ENDPOINT_URL_SFN");
        String events = System.getenv("AWS_ENDPOINT_URL_EVENTBRIDGE");
        String api = System.getenv("ICHIBYO_API_URL");
        if (s3 == null || dynamodb == null || sqs == null || sfn == null || events == null || api == null) {
            return null;
        }
        String region = System.getenv().getOrDefault("AWS_REGION", ichibyo.local.runtime.LocalNames.REGION);
        Endpoints e = new Endpoints(URI.create(s3), URI.create(dynamodb), URI.create(sqs), URI.create(sfn), URI.create(events),
                URI.create(api), region);
        return answers(e.sfn()) ? e : null;
    }

    /**
     * Connects to a running {@code up} (its file in the data directory, or the endpoints exported in
     * the environment), or starts the runtime on the data directory.
     */
    static RuntimeConnection open(DataOptions options) {
        Path data = options.directory();
        Endpoints running = running(data);
        if (running == null) {
            running = fromEnvironment();
        }
        if (running != null) {
            return new RuntimeConnection(running, null);
        }
        System.err.println("ichibyo-local: no 'up' running on " + data + "; starting the services for this command");
        LocalRuntime runtime = LocalRuntime.start(RuntimeOptions.of(data).withDurable(options.durable()));
        return new RuntimeConnection(runtime.endpoints(), runtime);
    }

    Endpoints endpoints() {
        return endpoints;
    }

    SfnClient sfn() {
        return sfn;
    }

    /** A DynamoDB client for the runtime's tables (the caller closes it). */
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb() {
        return software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder().endpointOverride(endpoints.dynamodb())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The runtime this command started, or null when it uses a running {@code up}. */
    LocalRuntime started() {
        return started;
    }

    @Override
    public void close() {
        sfn.close();
        if (started != null) {
            started.close();
        }
    }
}
