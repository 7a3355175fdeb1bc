package ichibyo.local.sfn;

import ichibyo.functions.aws.S3CompatibleServer;
import ichibyo.local.sfn.integration.aws.S3ObjectStore;
import ichibyo.sfn.state.map.InMemoryObjectStore;
import ichibyo.sfn.state.map.ObjectStore;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Starts the Step Functions emulator ({@link ichibyo.sfn.StepFunctionsServer}) alone:
 * {@code StepFunctionsServer [--port 8083] [--data DIR] [--s3-endpoint URL]}. With {@code --data}, state
 * machines and executions are kept in DIR and open executions resume after a restart; without it,
 * everything is in memory. Alone, Task states have only {@code states:startExecution}; Distributed Maps
 * read and write an in-memory S3 store, or the S3 at {@code --s3-endpoint} (credentials from the SDK's
 * default chain, e.g. AWS_ACCESS_KEY_ID).
 */
public final class StepFunctionsServer {
    private StepFunctionsServer() {}

    public static void main(String[] args) throws Exception {
        int port = 8083;
        String data = null;
        String s3Endpoint = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--data" -> data = value(args, ++i, "--data");
                case "--s3-endpoint" -> s3Endpoint = value(args, ++i, "--s3-endpoint");
                case "-h", "--help" -> {
                    System.out.println("usage: StepFunctionsServer [--port 8083] [--data DIR] [--s3-endpoint URL]");
                    return;
                }
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]
                        + " (usage: [--port 8083] [--data DIR] [--s3-endpoint URL])");
            }
        }
        ObjectStore store = s3Endpoint == null ? new InMemoryObjectStore()
                : new S3ObjectStore(S3CompatibleServer.clientBuilder(URI.create(s3Endpoint)).region(Region.US_EAST_1)
                        .credentialsProvider(DefaultCredentialsProvider.builder().build())
                        .httpClient(UrlConnectionHttpClient.create()).build());
        ichibyo.sfn.StepFunctionsServer.serve(port, data == null ? null : Path.of(data), store);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }
}
