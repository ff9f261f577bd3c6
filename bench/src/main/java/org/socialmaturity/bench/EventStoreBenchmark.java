package org.socialmaturity.bench;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * Benchmark, not a test: the platform's event storage engine against axon-mongo's stock engine and the raw driver,
 * on mongo-java-server (memory backend) in a separate process, at growing store sizes. Each engine gets a fresh
 * server. Prints a Markdown table.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -Xmx8g -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" org.socialmaturity.bench.EventStoreBenchmark [10000,100000,1000000] [global,stock]
 * </pre>
 */
public final class EventStoreBenchmark {

    private static final int AGGREGATE_EVENTS = 20;
    private static final int FILL_BATCH = 100;
    private static final Duration BUDGET = Duration.ofSeconds(20);
    private static final Duration HARD_LIMIT = Duration.ofSeconds(120);
    private static final Random RANDOM = new Random(42);

    private final List<String> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        List<String> engines = List.of((args.length > 1 ? args[1] : "global,stock").split(","));
        EventStoreBenchmark benchmark = new EventStoreBenchmark();
        if (engines.contains("global")) {
            benchmark.run("GlobalSequenceEventStorageEngine", sizes, Engine.GLOBAL_SEQUENCE);
        }
        if (engines.contains("stock")) {
            benchmark.run("axon-mongo MongoEventStorageEngine", sizes, Engine.STOCK);
        }
        System.out.println();
        System.out.println("| engine | stored events | appends/s | raw insertOne/s, same server | raw insertMany(100) docs/s | aggregate load (20 events), ms p50 | tracking read of 1,000 events, ms | replay events/s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        benchmark.rows.forEach(System.out::println);
    }

    private enum Engine { GLOBAL_SEQUENCE, STOCK }

    private void run(String name, long[] sizes, Engine kind) throws Exception {
        int port = freePort();
        Process server = startServer(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            warmUp(name, kind == Engine.GLOBAL_SEQUENCE ? globalSequence(client, "warm-up") : stock(client, "warm-up"),
                    client);
            client.getDatabase("warm-up").drop();
            client.getDatabase("raw").drop();
            EventStorageEngine engine = kind == Engine.GLOBAL_SEQUENCE ? globalSequence(client, "events")
                    : stock(client, "events");
            Filler filler = new Filler(engine);
            for (long size : sizes) {
                progress("%s: filling to %,d events", name, size);
                filler.fillTo(size);
                progress("%s: measuring at %,d events", name, size);
                double appends = appendsPerSecond(engine, filler);
                double[] raw = rawInserts(client);
                double load = aggregateLoadMillis(engine, filler);
                String track = bounded(() -> String.format(Locale.ROOT, "%.1f", trackThousandMillis(engine, filler)));
                String replay = bounded(() -> String.format(Locale.ROOT, "%,.0f", replayPerSecond(engine)));
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | %,.0f | %.2f | %s | %s |", name,
                        size, appends, raw[0], raw[1], load, track, replay));
                progress("%s", rows.get(rows.size() - 1));
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * A read that one call into the engine can make last for ever (the stock engine re-reads its whole look-back
     * window on every query): give up after a hard limit and say so.
     */
    private static String bounded(Callable<String> measurement) {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "bounded-measurement");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return runner.submit(measurement).get(HARD_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "no result in " + HARD_LIMIT.toSeconds() + " s";
        } catch (Exception e) {
            return "failed: " + e;
        } finally {
            runner.shutdownNow();
        }
    }

    /** Runs every measured path on a scratch store first, so that the first size is not measured on a cold JIT. */
    private void warmUp(String name, EventStorageEngine engine, MongoClient client) {
        progress("%s: warming up", name);
        Filler filler = new Filler(engine);
        filler.fillTo(20_000);
        appendsPerSecond(engine, filler);
        rawInserts(client);
        aggregateLoadMillis(engine, filler);
        bounded(() -> String.valueOf(trackThousandMillis(engine, filler)));
        bounded(() -> String.valueOf(replayPerSecond(engine)));
    }

    // --------------------------------------------------------------------------------------------- raw driver

    private long rawStored;

    /** insertOne and insertMany(100) of documents like the events, into another collection of the same server. */
    private double[] rawInserts(MongoClient client) {
        MongoCollection<Document> collection = client.getDatabase("raw").getCollection("docs");
        long start = System.nanoTime();
        int single = 0;
        while (single < 2000 && elapsed(start) < BUDGET.toNanos()) {
            collection.insertOne(rawDocument(rawStored++));
            single++;
        }
        double insertOne = single / (elapsed(start) / 1e9);
        start = System.nanoTime();
        int many = 0;
        while (many < 20_000 && elapsed(start) < BUDGET.toNanos()) {
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(rawDocument(rawStored++));
            }
            collection.insertMany(batch);
            many += 100;
        }
        return new double[] {insertOne, many / (elapsed(start) / 1e9)};
    }

    private static Document rawDocument(long n) {
        return new Document("_id", n).append("aggregateId", "raw-" + (n / AGGREGATE_EVENTS))
                .append("sequence", n % AGGREGATE_EVENTS).append("payload", payloadJson(n));
    }

    // ------------------------------------------------------------------------------------------ measurements

    private static double appendsPerSecond(EventStorageEngine engine, Filler filler) {
        long start = System.nanoTime();
        int appended = 0;
        while (appended < 2000 && elapsed(start) < BUDGET.toNanos()) {
            engine.appendEvents(List.of(filler.nextEventOfNewAggregate()));
            appended++;
        }
        return appended / (elapsed(start) / 1e9);
    }

    private static double aggregateLoadMillis(EventStorageEngine engine, Filler filler) {
        List<Long> times = new ArrayList<>();
        long start = System.nanoTime();
        while (times.size() < 200 && elapsed(start) < BUDGET.toNanos()) {
            String aggregate = filler.randomFullAggregate();
            long t = System.nanoTime();
            long events = engine.readEvents(aggregate).asStream().peek(DomainEventMessage::getPayload).count();
            times.add(System.nanoTime() - t);
            if (events != AGGREGATE_EVENTS) {
                throw new IllegalStateException(aggregate + " has " + events + " events");
            }
        }
        return median(times) / 1e6;
    }

    /** From a token in the middle of the store (taken at the instant of the middle of the fill). */
    private static double trackThousandMillis(EventStorageEngine engine, Filler filler) {
        TrackingToken token = engine.createTokenAt(filler.middleInstant());
        long start = System.nanoTime();
        int read = 0;
        while (read < 1000 && elapsed(start) < BUDGET.toNanos() * 3) {
            List<? extends TrackedEventMessage<?>> batch;
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
                batch = events.limit(1000 - read).toList();
            }
            if (batch.isEmpty()) {
                throw new IllegalStateException("the store ended after " + read + " events");
            }
            batch.forEach(EventMessage::getPayload);
            read += batch.size();
            token = batch.get(batch.size() - 1).trackingToken();
        }
        return (System.nanoTime() - start) / 1e6 * 1000.0 / Math.max(1, read);
    }

    /** Reads from the first event on, as a replay does, for the whole store or the time budget. */
    private static double replayPerSecond(EventStorageEngine engine) {
        TrackingToken token = null;
        long read = 0;
        long start = System.nanoTime();
        while (elapsed(start) < BUDGET.toNanos()) {
            TrackedEventMessage<?> last = null;
            int batch = 0;
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                while (iterator.hasNext() && batch < 10_000) {
                    last = iterator.next();
                    last.getPayload();
                    batch++;
                }
            }
            if (last == null) {
                break;
            }
            read += batch;
            token = last.trackingToken();
        }
        return read / (elapsed(start) / 1e9);
    }

    // ----------------------------------------------------------------------------------------------- filling

    /** Fills a store with answers: aggregates of 20 events, one event per commit, interleaved as in real use. */
    private static final class Filler {
        private final EventStorageEngine engine;
        private long stored;
        private long aggregates;
        private long extraAggregates;
        private Instant middle = Instant.now();
        private long fullAggregates;

        Filler(EventStorageEngine engine) {
            this.engine = engine;
        }

        /** Appends until the store holds {@code size} events; remembers when the store was half that size. */
        void fillTo(long size) {
            long middleAt = size / 2;
            boolean middleTaken = stored >= middleAt;
            long started = System.nanoTime();
            while (stored < size) {
                // 100 aggregates at a time, each gets its 20 events in 20 rounds of one event per aggregate.
                int group = (int) Math.min(FILL_BATCH, Math.max(1, (size - stored) / AGGREGATE_EVENTS));
                long firstAggregate = aggregates;
                aggregates += group;
                for (int round = 0; round < AGGREGATE_EVENTS && stored < size; round++) {
                    List<DomainEventMessage<?>> batch = new ArrayList<>();
                    for (int a = 0; a < group && stored < size; a++) {
                        batch.add(event("agg-" + (firstAggregate + a), round, stored++));
                    }
                    engine.appendEvents(batch);
                    if (!middleTaken && stored >= middleAt) {
                        middle = Instant.now();
                        middleTaken = true;
                    }
                }
                fullAggregates = aggregates - (stored < size ? group : 0);
                if (elapsed(started) > 10e9) {
                    progress("  ... %,d events", stored);
                    started = System.nanoTime();
                }
            }
        }

        Instant middleInstant() {
            return middle;
        }

        String randomFullAggregate() {
            return "agg-" + (long) (RANDOM.nextDouble() * Math.max(1, fullAggregates));
        }

        DomainEventMessage<?> nextEventOfNewAggregate() {
            return event("extra-" + extraAggregates++, 0, stored++);
        }
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, long n) {
        return new GenericDomainEventMessage<>("Assessment", aggregate, sequence, new AnswerRecorded(aggregate,
                "bench-partner", "bench-company", "v1", "governance-owner",
                RawAnswer.choice(n % 2 == 0 ? "director" : "executive"), null, "bench@example", Instant.now()));
    }

    private static String payloadJson(long n) {
        return "{\"assessmentId\":\"raw-" + n + "\",\"partnerId\":\"bench-partner\",\"companyId\":\"bench-company\","
                + "\"questionnaireVersion\":\"v1\",\"questionId\":\"governance-owner\",\"answer\":{\"optionId\":\"director\"},"
                + "\"recordedBy\":\"bench@example\",\"recordedAt\":\"2026-11-23T09:00:00Z\"}";
    }

    // -------------------------------------------------------------------------------------------- the engines

    private static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
    }

    private static EventStorageEngine globalSequence(MongoClient client, String database) {
        JacksonSerializer serializer = serializer();
        return GlobalSequenceEventStorageEngine.builder()
                .database(client.getDatabase(database))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    private static EventStorageEngine stock(MongoClient client, String database) {
        JacksonSerializer serializer = serializer();
        return MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, database).build())
                .storageStrategy(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(),
                        Duration.ofSeconds(5)))
                .batchSize(1_000)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private static Process startServer(int port) throws IOException, InterruptedException {
        File jar = Files.list(Path.of("local-mongo", "target"))
                .filter(p -> p.getFileName().toString().matches("local-mongo-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("build local-mongo first")).toFile();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx12g", "-jar", jar.getPath(), "--memory", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("mongo-java-server did not start");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long elapsed(long start) {
        return System.nanoTime() - start;
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
