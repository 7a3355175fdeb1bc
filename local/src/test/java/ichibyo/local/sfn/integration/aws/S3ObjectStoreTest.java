package ichibyo.local.sfn.integration.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ichibyo.local.services.EmbeddedS3;
import ichibyo.sfn.state.map.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Distributed Map's S3 calls through a connection that drops: the embedded S3 server behind a TCP relay that
 * closes chosen connections as soon as a request has arrived, before any response (what a server's idle timeout
 * does to a pooled connection, seen by the client as "Unexpected end of file from server").
 */
class S3ObjectStoreTest {
    private static EmbeddedS3 server;

    @BeforeAll
    static void start() {
        server = EmbeddedS3.inMemory();
        try (S3Client s3 = client(server.endpoint())) {
            s3.createBucket(b -> b.bucket("runs"));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void callsThroughDroppedConnections_areRetried_andSucceed() throws Exception {
        try (Relay relay = new Relay(server.endpoint(), 2); S3Client s3 = client(relay.endpoint())) {
            ObjectStore store = new S3ObjectStore(s3);
            store.put("runs", "results/SUCCEEDED_0.json", "[1,2]".getBytes(StandardCharsets.UTF_8));
            relay.dropNext(2);
            assertThat(new String(store.get("runs", "results/SUCCEEDED_0.json"), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
            relay.dropNext(2);
            assertThat(store.list("runs", "results/")).extracting(ObjectStore.ObjectSummary::key).containsExactly("results/SUCCEEDED_0.json");
            assertThat(relay.dropped.get()).isEqualTo(6);
            relay.dropNext(2);
            assertThat(store.get("runs", "results/missing.json")).isNull(); // a missing key is an answer, not a failure
        }
    }

    @Test
    void aStoreThatStaysDown_failsAfterBoundedAttempts_withTheConnectionError() throws Exception {
        try (Relay relay = new Relay(server.endpoint(), Integer.MAX_VALUE); S3Client s3 = client(relay.endpoint())) {
            Throwable failure = catchThrowable(() -> new S3ObjectStore(s3).put("runs", "manifest.json", new byte[] {1}));
            assertThat(failure).isInstanceOfAny(UncheckedIOException.class, SdkClientException.class);
            // each of the store's attempts is one or more of the SDK's, each a connection: bounded, not endless
            assertThat(relay.dropped.get()).isBetween(S3ObjectStore.ATTEMPTS, 4 * S3ObjectStore.ATTEMPTS);
        }
    }

    @Test
    void theEmulatorsUploads_toAnS3CompatibleServer_goWithoutExpectContinue() throws Exception {
        // Expect: 100-continue through the JDK's URL connection makes S3Proxy drop about one PUT in 1,500 under load.
        try (Relay relay = new Relay(server.endpoint(), 0);
             AwsClients clients = new AwsClients(java.util.Map.of("s3", relay.endpoint()),
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))) {
            new S3ObjectStore(clients.s3("us-east-1")).put("runs", "manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(relay.requests.toString()).contains("PUT /runs/manifest.json").doesNotContainIgnoringCase("expect:");
        }
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * A TCP relay to {@code target} that closes the next {@code drops} new connections once their request has
     * arrived.
     */
    private static final class Relay implements AutoCloseable {
        final AtomicInteger toDrop;
        final AtomicInteger dropped = new AtomicInteger();
        /** What the clients sent, as text. */
        final StringBuffer requests = new StringBuffer();
        private final ServerSocket listener;
        private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final URI target;

        Relay(URI target, int drops) throws IOException {
            this.target = target;
            this.toDrop = new AtomicInteger(drops);
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort());
        }

        /** Closes every open connection (the client's pooled ones go stale) and drops the next {@code n} new ones. */
        void dropNext(int n) throws IOException {
            toDrop.set(n);
            for (Socket s : open) s.close();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Thread.ofVirtual().start(() -> serve(client));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket client) {
            open.add(client);
            try (client) {
                InputStream in = client.getInputStream();
                if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    in.read(new byte[8192]); // the request's first bytes: it was sent
                    dropped.incrementAndGet();
                    return;
                }
                try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                    Thread back = Thread.ofVirtual().start(() -> pipe(upstream, client, null));
                    pipe(client, upstream, requests);
                    upstream.close(); // the client has gone: so does the server's side
                    back.join();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed: the relay's connection ends with it
            } finally {
                open.remove(client);
            }
        }

        private static void pipe(Socket from, Socket to, StringBuffer tap) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[16384];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (tap != null) tap.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // the other direction's close ends this one
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
