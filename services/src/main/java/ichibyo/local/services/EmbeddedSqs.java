package ichibyo.local.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * An SQS server (ElasticMQ, JSON and query protocols, DLQs and redrive) on loopback: queues in memory, or
 * kept in an H2 database under a directory (ElasticMQ's SQL persistence: queues, their attributes and every
 * message, received ones with their visibility, survive a stop or a crash and are restored on start).
 */
public final class EmbeddedSqs implements EmbeddedService {
    /** ElasticMQ's SQL persistence uses one connection pool per JVM (scalikejdbc's singleton): one durable server at a time. */
    private static final AtomicBoolean DURABLE_RUNNING = new AtomicBoolean();

    private final SQSRestServer server;
    private final ActorSystem actors;
    private final boolean durable;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, ActorSystem actors, boolean durable, URI endpoint) {
        this.server = server;
        this.actors = actors;
        this.durable = durable;
        this.endpoint = endpoint;
    }

    /**
     * Starts the server in memory; queue URLs are {@code http://127.0.0.1:<port>/<accountId>/<queue>}.
     *
     * @param port 0 for a free one
     */
    public static EmbeddedSqs start(int port, String region, String accountId) {
        return start(null, port, region, accountId);
    }

    /**
     * Starts the server.
     *
     * @param dataDir where the queues' database ({@code queues.mv.db}) is, restored on start; null for memory
     * @param port    0 for a free one
     */
    public static EmbeddedSqs start(Path dataDir, int port, String region, String accountId) {
        Ports.quietLogging();
        int actual = port == 0 ? Ports.free() : port;
        var builder = SQSRestServerBuilder
                .withInterface(Ports.LOOPBACK)
                .withPort(actual)
                .withServerAddress(new NodeAddress("http", Ports.LOOPBACK, actual, ""))
                .withAWSRegion(region)
                .withAWSAccountId(accountId);
        if (dataDir == null) {
            SQSRestServer server = builder.start();
            server.waitUntilStarted();
            return new EmbeddedSqs(server, null, false, URI.create("http://" + Ports.LOOPBACK + ":" + actual));
        }
        if (!DURABLE_RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("a durable SQS already runs in this JVM (ElasticMQ keeps one database per JVM); "
                    + "stop it first or start this one in memory");
        }
        ActorSystem actors = null;
        try {
            Files.createDirectories(dataDir);
            String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("queues");
            // The pool is a JVM-wide singleton that ElasticMQ sets up only once: point it at this directory.
            ConnectionPool$ pools = ConnectionPool$.MODULE$;
            ConnectionPoolSettings settings = pools.singleton$default$4();
            pools.singleton(url, "sa", "", settings, pools.singleton$default$5(url, "sa", "", settings));
            SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "", false);
            actors = ActorSystem.create("elasticmq");
            ActorRef persistence = actors.actorOf(Props.create(SqlQueuePersistenceActor.class, config,
                    scala.collection.immutable.List$.MODULE$.empty()));
            ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(), StrictSQSLimits$.MODULE$,
                    scala.Option.apply(persistence)));
            SQSRestServer server = builder.withActorSystem(actors).withQueueManagerActor(queues)
                    .withQueueEventListener(persistence).start();
            server.waitUntilStarted();
            Object restored = Patterns.ask(persistence, new QueueEvent.Restore(queues), Duration.ofSeconds(30))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (restored instanceof scala.util.Left<?, ?> errors) {
                server.stopAndWait();
                throw new IllegalStateException("SQS could not restore its queues from " + dataDir + ": " + errors.value());
            }
            return new EmbeddedSqs(server, actors, true, URI.create("http://" + Ports.LOOPBACK + ":" + actual));
        } catch (IOException e) {
            stopped(actors, true);
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            stopped(actors, true);
            throw new IllegalStateException("SQS failed to start on " + dataDir + ": " + e, e);
        }
    }

    /** On a free port, for us-east-1 and account 000000000000, in memory. */
    public static EmbeddedSqs start() {
        return start(0, "us-east-1", "000000000000");
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } finally {
            stopped(actors, durable);
        }
    }

    private static void stopped(ActorSystem actors, boolean durable) {
        if (actors != null) {
            actors.terminate();
            try {
                scala.concurrent.Await.ready(actors.whenTerminated(), scala.concurrent.duration.Duration.create(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                // stopping anyway
            }
        }
        if (durable) {
            // Closing the pool closes the database, so that the next start (or another process) can open it.
            ConnectionPool$.MODULE$.closeAll();
            DURABLE_RUNNING.set(false);
        }
    }
}
