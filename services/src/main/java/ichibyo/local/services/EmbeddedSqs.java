package ichibyo.local.services;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** An SQS server (ElasticMQ, JSON and query protocols, DLQs and redrive) on loopback, queues in memory. */
public final class EmbeddedSqs implements EmbeddedService {
    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts the server; queue URLs are {@code http://127.0.0.1:<port>/<accountId>/<queue>}.
     *
     * @param port 0 for a free one
     */
    public static EmbeddedSqs start(int port, String region, String accountId) {
        Ports.quietLogging();
        int actual = port == 0 ? Ports.free() : port;
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(Ports.LOOPBACK)
                .withPort(actual)
                .withServerAddress(new NodeAddress("http", Ports.LOOPBACK, actual, ""))
                .withAWSRegion(region)
                .withAWSAccountId(accountId)
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, URI.create("http://" + Ports.LOOPBACK + ":" + actual));
    }

    /** On a free port, for us-east-1 and account 000000000000. */
    public static EmbeddedSqs start() {
        return start(0, "us-east-1", "000000000000");
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
