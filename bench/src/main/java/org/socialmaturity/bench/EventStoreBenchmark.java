package org.socialmaturity.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.eventstore.mongo.CommitChain;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Benchmark, not a test: the platform's event storage engine against the engines an Axon user would pick instead,
 * axon-mongo's stock engine on the same mongo-java-server (memory backend, in a separate process) and Axon's
 * JdbcEventStorageEngine on PostgreSQL (a private instance the benchmark starts, see {@link PrivatePostgres}), at
 * growing store sizes. Each engine gets a fresh server; beside each engine, the server's own client inserts rows like
 * the events into another collection or table, at the same time. Prints a Markdown table.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am install -DskipTests
 * java -Xmx8g -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" org.socialmaturity.bench.EventStoreBenchmark [10000,100000,1000000] [global,stock,jdbc]
 * </pre>
 *
 * Without PostgreSQL's binaries (Debian's {@code postgresql} package) the JDBC engine is skipped, with the command that
 * installs them.
 */
public final class EventStoreBenchmark {

    private static final int AGGREGATE_EVENTS = 20;
    private static final int FILL_BATCH = 100;
    private static final int RAW_BATCH = 100;
    private static final Duration BUDGET = Duration.ofSeconds(20);
    private static final Duration HARD_LIMIT = Duration.ofSeconds(120);
    private static final Random RANDOM = new Random(42);

    private final List<String> rows = new ArrayList<>();
    private long rawStored;

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        if (args.length > 1 && args[1].equals("chain-overhead")) {
            chainOverhead(sizes);
            return;
        }
        List<Engine> engines = new ArrayList<>(Engine.named(args.length > 1 ? args[1] : "global,stock,jdbc"));
        boolean postgresMissing = engines.contains(Engine.JDBC) && PrivatePostgres.installedBinaries().isEmpty();
        if (postgresMissing) {
            engines.remove(Engine.JDBC);
            progress("No PostgreSQL found under /usr/lib/postgresql: skipping the JDBC engine. Install it with: %s",
                    PrivatePostgres.INSTALL_HINT);
        }
        EventStoreBenchmark benchmark = new EventStoreBenchmark();
        for (Engine engine : engines) {
            benchmark.run(engine, sizes);
        }
        System.out.println();
        System.out.println("| engine | stored events | appends/s | raw inserts/s, one per call, same server | raw inserts/s, 100 per call | aggregate load (20 events), ms p50 | tracking read of 1,000 events, ms | replay events/s | integrity check of the whole store, s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        benchmark.rows.forEach(System.out::println);
        System.out.println();
        if (engines.contains(Engine.GLOBAL_SEQUENCE) || engines.contains(Engine.GLOBAL_UNCHAINED)
                || engines.contains(Engine.STOCK)) {
            System.out.println("Raw inserts on mongo-java-server: insertOne, and insertMany of 100, into another"
                    + " collection, acknowledged as the platform's engine asks (majority, journal); its memory backend"
                    + " writes nothing to disk.");
        }
        if (engines.contains(Engine.JDBC)) {
            System.out.println("Raw inserts on PostgreSQL: an auto-committed INSERT, and a batch of 100 INSERTs in one"
                    + " transaction, into another table. PostgreSQL runs with its default settings: every commit waits"
                    + " for its WAL on disk (fsync, synchronous_commit on).");
        }
        if (postgresMissing) {
            System.out.println("Axon JdbcEventStorageEngine skipped: PostgreSQL is not installed (" + PrivatePostgres.INSTALL_HINT + ").");
        }
    }

    /** The engines compared, by the names the command line gives them. */
    private enum Engine {
        GLOBAL_SEQUENCE("global"), GLOBAL_UNCHAINED("global-unchained"), STOCK("stock"), JDBC("jdbc");

        private final String key;

        Engine(String key) {
            this.key = key;
        }

        static List<Engine> named(String keys) {
            return Arrays.stream(keys.split(",")).map(key -> Arrays.stream(values()).filter(e -> e.key.equals(key))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown engine " + key
                            + "; known: global, global-unchained, stock, jdbc"))).toList();
        }
    }

    private static Server startServer(Engine engine) throws Exception {
        return switch (engine) {
            case GLOBAL_SEQUENCE -> LocalMongoServer.start("GlobalSequenceEventStorageEngine",
                    (client, database) -> globalSequence(client, database, true));
            case GLOBAL_UNCHAINED -> LocalMongoServer.start("GlobalSequenceEventStorageEngine without the hash chain",
                    (client, database) -> globalSequence(client, database, false));
            case STOCK -> LocalMongoServer.start("axon-mongo MongoEventStorageEngine", EventStoreBenchmark::stock);
            case JDBC -> PostgresServer.start();
        };
    }

    private void run(Engine kind, long[] sizes) throws Exception {
        try (Server server = startServer(kind)) {
            String name = server.engineName();
            Store scratch = server.createStore("warmup");
            warmUp(name, scratch);
            scratch.drop();
            Store store = server.createStore("events");
            EventStorageEngine engine = store.engine();
            Filler filler = new Filler(engine);
            for (long size : sizes) {
                progress("%s: filling to %,d events", name, size);
                filler.fillTo(size);
                progress("%s: measuring at %,d events", name, size);
                double appends = appendsPerSecond(engine, filler);
                RawInserts raw = rawInserts(store);
                double load = aggregateLoadMillis(engine, filler);
                String track = bounded(() -> String.format(Locale.ROOT, "%.1f", trackThousandMillis(engine, filler)));
                String replay = bounded(() -> String.format(Locale.ROOT, "%,.0f", replayPerSecond(engine)));
                String chainCheck = engine instanceof GlobalSequenceEventStorageEngine global
                        ? String.format(Locale.ROOT, "%.1f", chainCheckSeconds(global)) : "-";
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | %,.0f | %.2f | %s | %s | %s |",
                        name, size, appends, raw.onePerCall(), raw.hundredPerCall(), load, track, replay, chainCheck));
                progress("%s", rows.get(rows.size() - 1));
            }
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
    private void warmUp(String name, Store scratch) throws Exception {
        progress("%s: warming up", name);
        EventStorageEngine engine = scratch.engine();
        Filler filler = new Filler(engine);
        filler.fillTo(20_000);
        appendsPerSecond(engine, filler);
        rawInserts(scratch);
        aggregateLoadMillis(engine, filler);
        bounded(() -> String.valueOf(trackThousandMillis(engine, filler)));
        bounded(() -> String.valueOf(replayPerSecond(engine)));
    }

    // ------------------------------------------------------------------------------------------ raw inserts

    private record RawInserts(double onePerCall, double hundredPerCall) {
    }

    /** Rows like the events, inserted by the server's own client beside the engine's: one per call, then 100. */
    private RawInserts rawInserts(Store store) throws Exception {
        long start = System.nanoTime();
        int single = 0;
        while (single < 2000 && elapsed(start) < BUDGET.toNanos()) {
            store.insertRaw(rawStored++);
            single++;
        }
        double onePerCall = single / (elapsed(start) / 1e9);
        start = System.nanoTime();
        int many = 0;
        while (many < 20_000 && elapsed(start) < BUDGET.toNanos()) {
            store.insertRaw(rawStored, RAW_BATCH);
            rawStored += RAW_BATCH;
            many += RAW_BATCH;
        }
        return new RawInserts(onePerCall, many / (elapsed(start) / 1e9));
    }

    /** The n-th raw row: shaped as an answer event is stored, aggregates of 20 in a row. */
    private record RawRow(long id, String aggregateId, long sequence, String payload) {

        static RawRow of(long n) {
            return new RawRow(n, "raw-" + (n / AGGREGATE_EVENTS), n % AGGREGATE_EVENTS, payloadJson(n));
        }

        Document asDocument() {
            return new Document("_id", id).append("aggregateId", aggregateId).append("sequence", sequence)
                    .append("payload", payload);
        }
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

    /** Recomputes the whole store's hash chain, as {@code GET /api/v1/admin/integrity} does. */
    private static double chainCheckSeconds(GlobalSequenceEventStorageEngine engine) {
        long start = System.nanoTime();
        var report = engine.checkChain(index -> { });
        if (!report.intact()) {
            throw new IllegalStateException("The benchmark's own store does not verify: " + report.firstBreak());
        }
        return (System.nanoTime() - start) / 1e9;
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

    // ------------------------------------------------------------------------------------ servers and stores

    /** The server an engine runs on, started for that engine's run alone and stopped after it. */
    private interface Server extends AutoCloseable {

        /** The engine, as the table names it. */
        String engineName();

        /** A new, empty database on this server, with the engine on it. */
        Store createStore(String database) throws Exception;
    }

    /** One database: the engine under test on it, and the server's own client inserting raw rows beside it. */
    private interface Store {

        EventStorageEngine engine();

        /** Inserts raw row {@code n} in a call of its own. */
        void insertRaw(long n) throws Exception;

        /** Inserts {@code count} raw rows from {@code first} on in one call. */
        void insertRaw(long first, int count) throws Exception;

        void drop() throws Exception;
    }

    private static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
    }

    /**
     * What the hash chain costs appends. One server, two stores on it, one written by the engine with the chain and one
     * by the same engine without, filled side by side to each size. Then many short pairs of blocks of appends, one
     * block on each store right after the other (which goes first alternates): whatever the server and the two JVMs are
     * doing at that moment (a collection, the other core busy) falls on both blocks of a pair alike, so each pair's
     * cost is measured against its own baseline, and the median over the pairs is the cost. The quartiles of the pairs
     * say how far one pair can be trusted. Beside it, what the writer spends on a commit's hash alone (recomputed over
     * commits of the store), and the integrity check of the whole chained store.
     */
    private static void chainOverhead(long[] sizes) throws Exception {
        List<String> table = new ArrayList<>();
        try (LocalMongoServer server = LocalMongoServer.start("GlobalSequenceEventStorageEngine",
                (client, database) -> globalSequence(client, database, !database.startsWith("unchained")))) {
            MongoStore chainedStore = (MongoStore) server.createStore("chained");
            MongoStore unchainedStore = (MongoStore) server.createStore("unchained");
            Filler chained = new Filler(chainedStore.engine());
            Filler unchained = new Filler(unchainedStore.engine());
            for (long size : sizes) {
                for (long step = Math.max(1_000, size / 20), reached = Math.min(size, step); ; reached = Math.min(size,
                        reached + step)) {
                    progress("chain overhead: filling both stores to %,d events", reached);
                    unchained.fillTo(reached);
                    chained.fillTo(reached);
                    if (reached == size) {
                        break;
                    }
                }
                progress("chain overhead: %d pairs of %d appends at %,d events", CHAIN_PAIRS, CHAIN_BLOCK, size);
                List<Double> costs = new ArrayList<>();
                long withNanos = 0;
                long withoutNanos = 0;
                for (int pair = -CHAIN_WARMUP_PAIRS; pair < CHAIN_PAIRS; pair++) {
                    long[] nanos = new long[2];
                    for (int turn = 0; turn < 2; turn++) {
                        boolean chainedTurn = (Math.floorMod(pair, 2) == 0) == (turn == 0);
                        nanos[chainedTurn ? 0 : 1] = chainedTurn ? appendBlockNanos(chainedStore.engine(), chained)
                                : appendBlockNanos(unchainedStore.engine(), unchained);
                    }
                    if (pair >= 0) {
                        costs.add((double) (nanos[0] - nanos[1]) / nanos[0]);
                        withNanos += nanos[0];
                        withoutNanos += nanos[1];
                    }
                }
                costs.sort(null);
                long appended = (long) CHAIN_PAIRS * CHAIN_BLOCK;
                double hashMicros = hashMicrosPerCommit(chainedStore.database());
                double check = chainCheckSeconds((GlobalSequenceEventStorageEngine) chainedStore.engine());
                table.add(String.format(Locale.ROOT, "| %,d | %,.0f | %,.0f | %+.1f%% (%+.1f%% to %+.1f%%) | %.1f | %.1f |",
                        size, appended / (withoutNanos / 1e9), appended / (withNanos / 1e9),
                        100 * costs.get(costs.size() / 2), 100 * costs.get(costs.size() / 4),
                        100 * costs.get(costs.size() * 3 / 4), hashMicros, check));
                progress("%s", table.get(table.size() - 1));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| events in each store | appends/s without the chain | appends/s with the chain "
                + "| cost of the chain: median of %d pairs (quartiles) | the commit's hash alone, µs "
                + "| integrity check of the whole chained store, s |%n", CHAIN_PAIRS);
        System.out.println("|---|---|---|---|---|---|");
        table.forEach(System.out::println);
    }

    private static final int CHAIN_BLOCK = 500;
    private static final int CHAIN_PAIRS = 150;
    private static final int CHAIN_WARMUP_PAIRS = 4;

    private static long appendBlockNanos(EventStorageEngine engine, Filler filler) {
        long start = System.nanoTime();
        for (int i = 0; i < CHAIN_BLOCK; i++) {
            engine.appendEvents(List.of(filler.nextEventOfNewAggregate()));
        }
        return elapsed(start);
    }

    /** The writer's own work for the chain: a commit's hash recomputed, on commits as the store holds them. */
    private static double hashMicrosPerCommit(MongoDatabase database) {
        List<Document> commits = database.getCollection("commits").find().limit(10_000).into(new ArrayList<>());
        long sink = 0;
        long best = Long.MAX_VALUE;
        // Twenty rounds: the first ones run before the JIT has compiled the digest (ten times slower).
        for (int round = 0; round < 20; round++) {
            long start = System.nanoTime();
            for (Document commit : commits) {
                sink += CommitChain.hash(commit).length();
            }
            best = Math.min(best, elapsed(start));
        }
        if (sink == 0) {
            throw new IllegalStateException("no commits hashed");
        }
        return best / 1e3 / commits.size();
    }

    private static EventStorageEngine globalSequence(MongoClient client, String database, boolean hashChain) {
        JacksonSerializer serializer = serializer();
        return GlobalSequenceEventStorageEngine.builder()
                .database(client.getDatabase(database))
                .hashChain(hashChain)
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

    /** mongo-java-server with its memory backend, as {@code local-mongo --memory} runs it, in a process of its own. */
    private static final class LocalMongoServer implements Server {
        private final String engineName;
        private final BiFunction<MongoClient, String, EventStorageEngine> engineOn;
        private final Process process;
        private final MongoClient client;

        private LocalMongoServer(String engineName, BiFunction<MongoClient, String, EventStorageEngine> engineOn,
                                 Process process, MongoClient client) {
            this.engineName = engineName;
            this.engineOn = engineOn;
            this.process = process;
            this.client = client;
        }

        static LocalMongoServer start(String engineName, BiFunction<MongoClient, String, EventStorageEngine> engineOn)
                throws IOException, InterruptedException {
            int port = freePort();
            Process process = startProcess(port);
            return new LocalMongoServer(engineName, engineOn, process, MongoClients.create("mongodb://127.0.0.1:" + port));
        }

        private static Process startProcess(int port) throws IOException, InterruptedException {
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

        @Override
        public String engineName() {
            return engineName;
        }

        @Override
        public Store createStore(String database) {
            return new MongoStore(client.getDatabase(database), engineOn.apply(client, database));
        }

        @Override
        public void close() throws InterruptedException {
            client.close();
            process.destroy();
            process.waitFor();
        }
    }

    private record MongoStore(MongoDatabase database, EventStorageEngine engine) implements Store {

        /** Acknowledged as the platform's engine asks for its appends by default, so that both wait for the same. */
        private MongoCollection<Document> raw() {
            return database.getCollection("raw").withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        }

        @Override
        public void insertRaw(long n) {
            raw().insertOne(RawRow.of(n).asDocument());
        }

        @Override
        public void insertRaw(long first, int count) {
            raw().insertMany(LongStream.range(first, first + count).mapToObj(n -> RawRow.of(n).asDocument()).toList());
        }

        @Override
        public void drop() {
            database.drop();
        }
    }

    /** Axon's JdbcEventStorageEngine on a private PostgreSQL, through a HikariCP pool as a Spring Boot application has. */
    private static final class PostgresServer implements Server {
        private final PrivatePostgres postgres;

        private PostgresServer(PrivatePostgres postgres) {
            this.postgres = postgres;
        }

        static PostgresServer start() throws IOException, InterruptedException {
            Path bin = PrivatePostgres.installedBinaries().orElseThrow(() -> new IllegalStateException(
                    "PostgreSQL is not installed: " + PrivatePostgres.INSTALL_HINT));
            return new PostgresServer(PrivatePostgres.start(bin, freePort()));
        }

        @Override
        public String engineName() {
            return "Axon JdbcEventStorageEngine, PostgreSQL " + postgres.majorVersion();
        }

        @Override
        public Store createStore(String database) throws SQLException {
            postgres.createDatabase(database);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.jdbcUrl(database));
            config.setUsername(postgres.user());
            config.setPoolName(database);
            HikariDataSource pool = new HikariDataSource(config);
            JacksonSerializer serializer = serializer();
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new DataSourceConnectionProvider(pool))
                    // No transaction of Axon's around the engine's calls: the pool's connections commit each statement
                    // (autocommit), and every append measured is one event.
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .batchSize(1_000)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
            engine.createSchema(PostgresEventTableFactory.INSTANCE);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(JdbcStore.CREATE_RAW);
            }
            return new JdbcStore(postgres, database, pool, engine);
        }

        @Override
        public void close() {
            postgres.close();
        }
    }

    private record JdbcStore(PrivatePostgres postgres, String database, HikariDataSource pool,
                             EventStorageEngine engine) implements Store {

        static final String CREATE_RAW = "CREATE TABLE raw_rows (id BIGINT PRIMARY KEY, aggregate_id VARCHAR(255) NOT NULL,"
                + " sequence_number BIGINT NOT NULL, payload BYTEA NOT NULL)";
        static final String INSERT_RAW = "INSERT INTO raw_rows (id, aggregate_id, sequence_number, payload) VALUES (?, ?, ?, ?)";

        @Override
        public void insertRaw(long n) throws SQLException {
            try (Connection connection = pool.getConnection();
                 PreparedStatement insert = connection.prepareStatement(INSERT_RAW)) {
                bind(insert, RawRow.of(n));
                insert.executeUpdate();
            }
        }

        @Override
        public void insertRaw(long first, int count) throws SQLException {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement(INSERT_RAW)) {
                    for (long n = first; n < first + count; n++) {
                        bind(insert, RawRow.of(n));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
            }
        }

        private static void bind(PreparedStatement insert, RawRow row) throws SQLException {
            insert.setLong(1, row.id());
            insert.setString(2, row.aggregateId());
            insert.setLong(3, row.sequence());
            insert.setBytes(4, row.payload().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void drop() throws SQLException {
            pool.close();
            postgres.dropDatabase(database);
        }
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
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
