package ichibyo.local.services;

import java.net.URI;

/** A service of the local runtime, listening on loopback; {@link #close()} stops it. */
public interface EmbeddedService extends AutoCloseable {

    /** The endpoint clients use, e.g. {@code http://127.0.0.1:41234}. */
    URI endpoint();

    /** The port it listens on. */
    default int port() {
        return endpoint().getPort();
    }

    @Override
    void close();
}
