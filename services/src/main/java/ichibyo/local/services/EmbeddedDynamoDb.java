package ichibyo.local.services;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * DynamoDB Local in this JVM, on loopback only (its own launcher binds every interface): tables in memory, or
 * in one shared database file under a directory. Telemetry is off.
 */
public final class EmbeddedDynamoDb implements EmbeddedService {
    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;

    private EmbeddedDynamoDb(Server server, LocalDynamoDBServerHandler handler, URI endpoint) {
        this.server = server;
        this.handler = handler;
        this.endpoint = endpoint;
    }

    /**
     * Starts the server.
     *
     * @param dataDir the directory of the database file ({@code shared-local-instance.db}), or null for memory
     * @param port    the port, or 0 for a free one
     */
    public static EmbeddedDynamoDb start(Path dataDir, int port) {
        Ports.quietLogging();
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(
                0, dataDir == null, dataDir == null ? null : dataDir.toAbsolutePath().toString(), true, false);
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, null);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(Ports.LOOPBACK);
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        server.setHandler(new ContextHandlerCollection(context));
        try {
            server.start();
        } catch (Exception e) {
            handler.close();
            throw new IllegalStateException("DynamoDB Local failed to start: " + e.getMessage(), e);
        }
        return new EmbeddedDynamoDb(server, handler,
                URI.create("http://" + Ports.LOOPBACK + ":" + connector.getLocalPort()));
    }

    /** In memory, on a free port. */
    public static EmbeddedDynamoDb inMemory() {
        return start(null, 0);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local failed to stop", e);
        } finally {
            handler.close();
        }
    }
}
