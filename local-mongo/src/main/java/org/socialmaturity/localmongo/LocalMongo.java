package org.socialmaturity.localmongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server for a laptop or a test: mongo-java-server, file-backed (H2) and durable (a write is
 * on disk before it is acknowledged, see {@link DurableH2Backend}), or in memory when asked. Any real MongoDB replaces
 * it through configuration.
 *
 * <pre>
 * java -jar local-mongo.jar [--port 27017] [--host 127.0.0.1] [--data ./data/mongo.mv.db | --memory]
 * </pre>
 */
public final class LocalMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;
    private final String description;

    // mongo-java-server runs each command on its connection's Netty event-loop thread, and a durable write holds that
    // thread until its fsync: only writes on different threads can share a commit, so give each connection its own.
    private static final int DURABLE_EVENT_LOOP_THREADS = 32;
    private static final int NETTY_DEFAULT_THREADS = 0;

    private LocalMongo(MongoBackend backend, String host, int port, int eventLoopThreads, String description) {
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress(host, port), NETTY_DEFAULT_THREADS, eventLoopThreads);
        this.address = server.getLocalAddress();
        this.description = description;
    }

    /** An in-memory server on a free loopback port: what every service test runs against. */
    public static LocalMongo inMemory() {
        return inMemory("127.0.0.1", 0);
    }

    private static LocalMongo inMemory(String host, int port) {
        return new LocalMongo(new MemoryBackend(), host, port, NETTY_DEFAULT_THREADS,
                "in memory: NOT durable, everything is lost when it stops");
    }

    public static LocalMongo fileBacked(Path file, String host, int port) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LocalMongo(DurableH2Backend.open(file), host, port, DURABLE_EVENT_LOOP_THREADS,
                "file " + file.toAbsolutePath()
                        + ", durable: every acknowledged write is on disk before the reply, group commit");
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = Integer.parseInt(System.getenv().getOrDefault("MONGODB_PORT", "27017"));
        Path data = Path.of("data", "mongo.mv.db");
        boolean memory = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--data" -> data = Path.of(args[++i]);
                case "--memory" -> memory = true;
                default -> {
                    System.err.println("Unknown argument " + args[i]
                            + "; usage: [--port 27017] [--host 127.0.0.1] [--data ./data/mongo.mv.db | --memory]");
                    System.exit(2);
                }
            }
        }
        LocalMongo mongo = memory ? inMemory(host, port) : fileBacked(data, host, port);
        // Acknowledged writes are on disk already; a clean stop also closes the store file properly.
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "local-mongo-shutdown"));
        System.out.println("local-mongo listening on " + mongo.connectionString() + " (" + mongo.description + ")");
        Thread.currentThread().join();
    }
}
