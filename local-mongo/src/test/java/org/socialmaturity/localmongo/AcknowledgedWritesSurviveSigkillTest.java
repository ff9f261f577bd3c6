package org.socialmaturity.localmongo;

import static org.awaitility.Awaitility.await;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * Runs local-mongo in its own JVM on a file, kills it with SIGKILL while several clients insert, starts it again on
 * the same file and finds every insert the server had acknowledged.
 */
class AcknowledgedWritesSurviveSigkillTest {

    private static final int WRITERS = 8;
    private static final int READERS = 2;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 1_000;
    private static final Pattern LISTENING = Pattern.compile("local-mongo listening on (mongodb://\\S+) \\((.*)\\)");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedInsertIsInTheFileAfterTheServerIsKilled() throws Exception {
        Path file = dir.resolve("mongo.mv.db");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        try (Server first = Server.start(file, dir.resolve("first.log"))) {
            assertTrue(first.description().contains("durable: every acknowledged write is on disk before the reply"),
                    first.description());
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try (MongoClient client = client(first.uri())) {
                MongoCollection<Document> writes = client.getDatabase("proof").getCollection("writes");
                for (int w = 0; w < WRITERS; w++) {
                    String writer = "writer" + w + "-";
                    writers.submit(() -> insertUntilTheServerIsGone(writes, writer, acknowledged));
                }
                await().atMost(Duration.ofMillis(20_000)).untilAsserted(() -> assertTrue(acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL,
                        acknowledged.size() + " inserts acknowledged so far"));
                first.kill();
                writers.shutdown();
                assertTrue(writers.awaitTermination(20, SECONDS), "writers still running after the kill");
            } finally {
                writers.shutdownNow();
            }
        }

        try (Server second = Server.start(file, dir.resolve("second.log"));
             MongoClient client = client(second.uri())) {
            Set<String> stored = new HashSet<>();
            client.getDatabase("proof").getCollection("writes").find().projection(Projections.include("_id"))
                    .forEach(document -> stored.add(document.getString("_id")));
            Set<String> lost = new TreeSet<>(acknowledged);
            lost.removeAll(stored);
            System.out.printf("SIGKILL proof: %d inserts acknowledged before the kill, %d stored after the restart,"
                    + " %d lost%n", acknowledged.size(), stored.size(), lost.size());
            assertEquals(Set.of(), lost, lost.size() + " of " + acknowledged.size() + " acknowledged inserts lost");
        }
    }

    @Test
    void everyInsertAReaderWasShownIsInTheFileAfterTheServerIsKilled() throws Exception {
        Path file = dir.resolve("mongo.mv.db");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> shown = ConcurrentHashMap.newKeySet();

        try (Server first = Server.start(file, dir.resolve("first.log"))) {
            ExecutorService clients = Executors.newFixedThreadPool(WRITERS + READERS);
            try (MongoClient client = client(first.uri())) {
                MongoCollection<Document> writes = client.getDatabase("proof").getCollection("writes");
                for (int w = 0; w < WRITERS; w++) {
                    String writer = "writer" + w + "-";
                    clients.submit(() -> insertUntilTheServerIsGone(writes, writer, acknowledged));
                }
                // As a projection reads the event store: what it is shown, it acts on.
                for (int r = 0; r < READERS; r++) {
                    clients.submit(() -> readUntilTheServerIsGone(writes, shown));
                }
                await().atMost(Duration.ofMillis(20_000)).untilAsserted(() -> assertTrue(acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL,
                        acknowledged.size() + " inserts acknowledged so far"));
                first.kill();
                clients.shutdown();
                assertTrue(clients.awaitTermination(20, SECONDS), "clients still running after the kill");
            } finally {
                clients.shutdownNow();
            }
        }

        try (Server second = Server.start(file, dir.resolve("second.log"));
             MongoClient client = client(second.uri())) {
            Set<String> stored = new HashSet<>();
            client.getDatabase("proof").getCollection("writes").find().projection(Projections.include("_id"))
                    .forEach(document -> stored.add(document.getString("_id")));
            Set<String> lost = new TreeSet<>(shown);
            lost.removeAll(stored);
            System.out.printf("SIGKILL proof: %d inserts shown to readers before the kill, %d lost%n", shown.size(),
                    lost.size());
            assertEquals(Set.of(), lost, lost.size() + " inserts shown to a reader were lost: " + lost);
        }
    }

    /**
     * Asks, again and again until the server stops answering, for the next few inserts of every writer (by id, so
     * each look is quick): what is shown is the newest, the writes a kill is most likely to catch.
     */
    private static void readUntilTheServerIsGone(MongoCollection<Document> writes, Set<String> shown) {
        int[] next = new int[WRITERS];
        while (true) {
            List<String> wanted = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                for (int i = next[w]; i < next[w] + 8; i++) {
                    wanted.add("writer" + w + "-" + i);
                }
            }
            try {
                writes.find(Filters.in("_id", wanted)).projection(Projections.include("_id")).forEach(document -> {
                    String id = document.getString("_id");
                    shown.add(id);
                    int writer = Integer.parseInt(id.substring("writer".length(), id.indexOf('-')));
                    next[writer] = Math.max(next[writer], Integer.parseInt(id.substring(id.indexOf('-') + 1)) + 1);
                });
            } catch (MongoException serverGone) {
                return;
            }
        }
    }

    /** Inserts until the server stops answering; only an insert that returned normally counts as acknowledged. */
    private static void insertUntilTheServerIsGone(MongoCollection<Document> writes, String writer,
            Set<String> acknowledged) {
        String payload = "x".repeat(200);
        for (int i = 0; ; i++) {
            String id = writer + i;
            try {
                writes.insertOne(new Document("_id", id).append("payload", payload));
            } catch (MongoException serverGone) {
                return;
            }
            acknowledged.add(id);
        }
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                // A write the driver retried on its own could be acknowledged by a server that never got it twice:
                // each acknowledgement here is the reply to exactly one insert.
                .retryWrites(false)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(2, SECONDS).readTimeout(10, SECONDS))
                .build());
    }

    /** local-mongo's main in a JVM of its own, on a port it picks itself (reported in its startup line). */
    private record Server(Process process, String uri, String description) implements AutoCloseable {

        static Server start(Path file, Path log) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process;
            try {
                process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                        LocalMongo.class.getName(), "--port", "0", "--data", file.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher[] listening = new Matcher[1];
            try {
                await().atMost(Duration.ofMillis(20_000)).untilAsserted(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("local-mongo exited: " + read(log));
                    }
                    Matcher matcher = LISTENING.matcher(read(log));
                    assertTrue(matcher.find(), "local-mongo is not listening yet");
                    listening[0] = matcher;
                });
            } catch (RuntimeException | AssertionError e) {
                process.destroyForcibly();
                throw e;
            }
            return new Server(process, listening[0].group(1), listening[0].group(2));
        }

        /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed or closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }

        private static String read(Path log) {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
