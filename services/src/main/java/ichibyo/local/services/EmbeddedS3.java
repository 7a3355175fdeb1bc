package ichibyo.local.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Field;
import java.util.EnumSet;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3-compatible server (S3Proxy) on loopback: filesystem-backed under a directory (buckets are its
 * subdirectories, objects survive a restart) or in memory. Clients use path-style addressing.
 */
public final class EmbeddedS3 implements EmbeddedService {
    private final S3Proxy proxy;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /**
     * Starts the server.
     *
     * @param dataDir     the directory that holds the buckets, or null to keep objects in memory
     * @param port        the port, or 0 for a free one
     * @param accessKeyId with {@code secretKey}, the only credentials accepted (SigV2/SigV4, presigned URLs
     *                    included; an x-amz-* header a SigV4 request did not sign is refused, as S3 refuses it);
     *                    null to accept any request without checking signatures
     */
    public static EmbeddedS3 start(Path dataDir, int port, String accessKeyId, String secretKey) {
        return start(dataDir, port, accessKeyId, secretKey, UnaryOperator.identity());
    }

    /**
     * Starts the server with its blob store wrapped by {@code decorate}, e.g. to see every object
     * written (the local runtime's S3 event notifications).
     */
    public static EmbeddedS3 start(Path dataDir, int port, String accessKeyId, String secretKey,
            UnaryOperator<BlobStore> decorate) {
        Ports.quietLogging();
        Properties properties = new Properties();
        BlobStore store;
        if (dataDir == null) {
            store = BlobStores.create("transient", properties);
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
            store = BlobStores.create("filesystem", properties);
        }
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(decorate.apply(store))
                .endpoint(URI.create("http://" + Ports.LOOPBACK + ":" + port))
                .ignoreUnknownHeaders(true);
        if (accessKeyId == null) {
            builder.awsAuthentication(AuthenticationType.NONE, null, null);
        } else {
            builder.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretKey);
        }
        S3Proxy proxy = builder.build();
        if (accessKeyId != null) {
            requireSignedAmzHeaders(proxy);
        }
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState())) {
                    throw new IllegalStateException("S3Proxy failed to start");
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy failed to start: " + e.getMessage(), e);
        }
        return new EmbeddedS3(proxy, URI.create("http://" + Ports.LOOPBACK + ":" + proxy.getPort()));
    }

    /**
     * Puts {@link SignedHeadersFilter} in front of S3Proxy's servlet. S3Proxy has no hook for it: its Jetty
     * server (shaded, a private field) is reached by reflection, and its servlet context given the filter
     * before it starts; a version of S3Proxy that changes this fails here, at start, not silently.
     */
    private static void requireSignedAmzHeaders(S3Proxy proxy) {
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            Object server = field.get(proxy);
            // Server → GracefulHandler → ... → the ServletContextHandler of S3Proxy's servlet.
            Object handler = server;
            for (int depth = 0; depth < 5; depth++) {
                handler = handler.getClass().getMethod("getHandler").invoke(handler);
                try {
                    handler.getClass().getMethod("addFilter", jakarta.servlet.Filter.class, String.class, EnumSet.class)
                            .invoke(handler, new SignedHeadersFilter(), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
                    return;
                } catch (NoSuchMethodException notTheContext) {
                    // a wrapper: look inside it
                }
            }
            throw new NoSuchMethodException("no servlet context under S3Proxy's server");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot make S3Proxy refuse unsigned x-amz-* headers (S3Proxy's internals changed?)", e);
        }
    }

    /** An in-memory S3 on a free port that accepts any credentials. */
    public static EmbeddedS3 inMemory() {
        return start(null, 0, null, null);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy failed to stop", e);
        }
    }
}
