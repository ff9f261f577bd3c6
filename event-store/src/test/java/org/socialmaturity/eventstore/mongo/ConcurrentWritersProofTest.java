package org.socialmaturity.eventstore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.localmongo.LocalMongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The event store's promises across processes: writers in their own JVMs, a tracking reader in another, all on one
 * mongo-java-server reached over TCP. Every event is seen exactly once and in global order, and no writer, however
 * slow, frozen or dead between choosing its index and inserting, holds a reader back.
 */
class ConcurrentWritersProofTest {

    private LocalMongo mongo;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void startMongo() {
        mongo = LocalMongo.inMemory();
    }

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
        mongo.close();
    }

    @Test
    void twoSlowWritersAndAReaderInThreeProcesses() throws Exception {
        // Every 10th append waits 6 s between choosing its index and inserting: longer than the 5 s look-back window
        // that still lost events with the stock engine.
        int perWriter = 40;
        Process reader = start("reader", mongo.connectionString(), "" + 2 * perWriter, "120000");
        Process writerA = start("writer", mongo.connectionString(), "A", "" + perWriter, "10", "6000", "-1");
        Process writerB = start("writer", mongo.connectionString(), "B", "" + perWriter, "10", "6000", "-1");

        List<String> read = lines(reader);
        assertEquals(0, writerA.waitFor() + writerB.waitFor(), "both writers finished");
        assertEquals("done", read.get(read.size() - 1), String.join("\n", read));
        List<Seen> seen = parse(read);
        Set<String> expected = new HashSet<>();
        IntStream.range(0, perWriter).forEach(n -> {
            expected.add("A#" + n);
            expected.add("B#" + n);
        });
        assertEquals(expected, new HashSet<>(seen.stream().map(Seen::id).toList()), "every event seen");
        assertEquals(2 * perWriter, seen.size(), "and each exactly once");
        assertContiguousFromZero(seen);
        assertChainIntact(2 * perWriter);
    }

    @Test
    void aWriterFrozenBetweenChoosingItsIndexAndInsertingHoldsNobodyBackAndLosesNothing() throws Exception {
        Process frozen = start("writer", mongo.connectionString(), "F", "10", "0", "0", "5");
        long chosen = Long.parseLong(firstLine(frozen, "chose ").substring("chose ".length()));
        signal("STOP", frozen);
        Process reader = start("reader", mongo.connectionString(), "30", "90000");
        List<String> read = new CopyOnWriteArrayList<>();
        Thread collecting = collect(reader, read);
        Process survivor = start("writer", mongo.connectionString(), "W", "20", "0", "0", "-1");
        assertEquals(0, survivor.waitFor());
        // 12 s frozen: longer than the 10 s gap timeout of the reserving engine, whose readers then passed the index.
        Awaitility.await().atMost(Duration.ofSeconds(12)).until(() -> read.stream().filter(l -> l.contains(" W#")).count() == 20);
        assertTrue(frozen.isAlive(), "the writer is still frozen while the reader has every other event");
        Thread.sleep(Math.max(0, 12_000 - (System.nanoTime() - frozenAt) / 1_000_000));
        signal("CONT", frozen);
        assertEquals(0, frozen.waitFor());
        collecting.join(60_000);

        assertEquals("done", read.get(read.size() - 1), String.join("\n", read));
        List<Seen> seen = parse(read);
        Set<String> expected = new HashSet<>();
        IntStream.range(0, 10).forEach(n -> expected.add("F#" + n));
        IntStream.range(0, 20).forEach(n -> expected.add("W#" + n));
        assertEquals(expected, new HashSet<>(seen.stream().map(Seen::id).toList()), "every event seen");
        assertEquals(30, seen.size(), "and each exactly once");
        assertContiguousFromZero(seen);
        Seen late = seen.stream().filter(s -> s.id().equals("F#5")).findFirst().orElseThrow();
        assertTrue(late.index() > chosen, "the frozen writer found its index taken and appended after it: " + late);
        assertTrue(seen.stream().anyMatch(s -> s.index() == chosen && s.id().startsWith("W#")),
                "the survivor wrote at the index the frozen writer had chosen");
        assertChainIntact(30);
    }

    @Test
    void aWriterKilledBetweenChoosingItsIndexAndInsertingLeavesNoHole() throws Exception {
        Process killed = start("writer", mongo.connectionString(), "K", "10", "0", "0", "5");
        firstLine(killed, "chose ");
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Process reader = start("reader", mongo.connectionString(), "25", "60000");
        Process survivor = start("writer", mongo.connectionString(), "W", "20", "0", "0", "-1");

        List<String> read = lines(reader);
        assertEquals(0, survivor.waitFor());
        assertEquals("done", read.get(read.size() - 1), String.join("\n", read));
        List<Seen> seen = parse(read);
        Set<String> expected = new HashSet<>();
        IntStream.range(0, 5).forEach(n -> expected.add("K#" + n));
        IntStream.range(0, 20).forEach(n -> expected.add("W#" + n));
        assertEquals(expected, new HashSet<>(seen.stream().map(Seen::id).toList()));
        assertEquals(25, seen.size());
        assertContiguousFromZero(seen);
        assertChainIntact(25);
    }

    @Test
    void aBurstOfFiveThousandEventsIsReadWithoutSkippingAny() throws Exception {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            GlobalSequenceEventStorageEngine engine = Engines.engine(client, index -> { });
            engine.appendEvents(Engines.events("warm-up", 0, 50));
            ExecutorService writers = Executors.newFixedThreadPool(4);
            long start = System.nanoTime();
            List<Future<?>> bursts = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                String name = "burst-" + writer;
                bursts.add(writers.submit(() -> {
                    for (int commit = 0; commit < 25; commit++) {
                        engine.appendEvents(Engines.events(name, commit * 50, 50));
                    }
                }));
            }
            CompletableFuture<List<Seen>> reading = CompletableFuture.supplyAsync(() -> track(engine, 5050));
            for (Future<?> burst : bursts) {
                burst.get();
            }
            long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            writers.shutdown();
            List<Seen> seen = reading.get(60, TimeUnit.SECONDS);

            System.out.printf("burst of 5000 events in %d ms%n", burstMillis);
            assertEquals(5050, seen.size(), "the warm-up and the burst");
            assertEquals(5050, new HashSet<>(seen.stream().map(Seen::id).toList()).size());
            assertContiguousFromZero(seen);
        }
    }

    /** Tracks from the start with the engine itself, as a tracking processor does, until {@code count} events. */
    private static List<Seen> track(GlobalSequenceEventStorageEngine engine, int count) {
        List<Seen> seen = new ArrayList<>();
        org.axonframework.eventhandling.TrackingToken token = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (seen.size() < count && System.currentTimeMillis() < deadline) {
            List<? extends TrackedEventMessage<?>> batch = engine.readEvents(token, false).toList();
            for (TrackedEventMessage<?> event : batch) {
                token = event.trackingToken();
                seen.add(new Seen(token.position().orElseThrow(), ((ProofEvent) event.getPayload()).id()));
            }
            if (batch.isEmpty()) {
                sleep(10);
            }
        }
        return seen;
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProofProcess.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(process);
        return process;
    }

    private static List<String> lines(Process process) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String firstLine(Process process, String prefix) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("the process ended without printing " + prefix);
    }

    private static List<Seen> parse(List<String> lines) {
        return lines.stream().filter(l -> !l.equals("done") && !l.equals("deadline"))
                .map(l -> l.split(" ")).map(p -> new Seen(Long.parseLong(p[0]), p[1])).toList();
    }

    /**
     * Each writer process linked its commits to whatever the others had appended (learned from a lost race or looked
     * up): the hash chain holds over all of them, the frozen and the killed writer's included.
     */
    private void assertChainIntact(long commits) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            ChainCheck.ChainReport report = Engines.engine(client, index -> { }).checkChain(index -> { });
            assertTrue(report.intact(), String.valueOf(report.firstBreak()));
            assertEquals(commits, report.commits());
            assertEquals(0, report.unchainedCommits());
        }
    }

    /** One commit per event here, so the indexes seen are exactly 0, 1, 2, ...: in order, none skipped. */
    private static void assertContiguousFromZero(List<Seen> seen) {
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i).index(), "global order broken or an index skipped at " + seen.get(i));
        }
    }

    private long frozenAt;

    private void signal(String signal, Process process) throws Exception {
        if (signal.equals("STOP")) {
            frozenAt = System.nanoTime();
        }
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
    }

    private static Thread collect(Process process, List<String> into) {
        Thread thread = new Thread(() -> {
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                into.add("error " + e);
            }
        }, "collect-" + process.pid());
        thread.start();
        return thread;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Seen(long index, String id) {
    }
}
