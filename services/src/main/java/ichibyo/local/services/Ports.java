package ichibyo.local.services;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

/** Loopback ports. */
public final class Ports {
    static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /** A port that was free a moment ago (for servers that cannot report the port they bound). */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The configured ports, and free ones for those given as 0. The probe sockets stay open until every
     * port is chosen, so two services never get the same free port (a port closed and asked for again
     * can be handed out twice).
     */
    public static int[] choose(int... configured) {
        int[] ports = configured.clone();
        java.util.List<ServerSocket> probes = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                if (ports[i] == 0) {
                    ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                    probes.add(probe);
                    ports[i] = probe.getLocalPort();
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket probe : probes) {
                try {
                    probe.close();
                } catch (IOException e) {
                    // its port stays taken; the service that binds it says so
                }
            }
        }
    }

    /** Starts an HTTP server on loopback only, on {@code port} (0 for a free one), serving {@code handler}. */
    public static HttpServer startHttpServer(int port, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 0);
            server.createContext("/", handler);
            // A request each on its own (virtual) thread: one slow handler does not hold up the others.
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static URI endpoint(HttpServer server) {
        return URI.create("http://" + LOOPBACK + ":" + server.getAddress().getPort());
    }

    /**
     * Keeps ElasticMQ's actor system quiet; the other libraries log through SLF4J to Log4j 2, whose
     * configuration (ichibyo-log4j2.xml with the functions, else DynamoDB Local's) keeps them at warnings.
     * Effective when it runs before the first actor system starts.
     */
    static void quietLogging() {
        if (System.getProperty("pekko.loglevel") == null) {
            // ElasticMQ's shutdown logs a harmless "terminate ... in progress already" warning
            System.setProperty("pekko.loglevel", "ERROR");
        }
        if (System.getProperty("pekko.log-dead-letters") == null) {
            System.setProperty("pekko.log-dead-letters", "off");
        }
    }
}
