package org.socialmaturity.eventstore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.localmongo.LocalMongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The event store's promises across processes: writers in their own JVMs, a tracking reader in another, all on one
 * mongo-java-server reached over TCP. Every event is seen exactly once and in global order.
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
        // Every 10th append waits 6 s between reserving and inserting: longer than the 5 s look-back window that
        // still lost events with the stock engine. The gap timeout (30 s) is longer still, so nothing is passed.
        int perWriter = 40;
        Process reader = start("reader", mongo.connectionString(), "" + 2 * perWriter, "30000", "120000");
        Process writerA = start("writer", mongo.connectionString(), "A", "" + perWriter, "30000", "10", "6000", "-1");
        Process writerB = start("writer", mongo.connectionString(), "B", "" + perWriter, "30000", "10", "6000", "-1");

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
        assertStrictlyIncreasing(seen);
    }

    @Test
    void aWriterKilledBetweenReservingAndInsertingLosesNothingElse() throws Exception {
        Process killed = start("writer", mongo.connectionString(), "K", "10", "2000", "0", "0", "5");
        String reservation = firstLine(killed, "reserved ");
        long hole = Long.parseLong(reservation.substring("reserved ".length()));
        Process reader = start("reader", mongo.connectionString(), "25", "2000", "60000");
        Process survivor = start("writer", mongo.connectionString(), "W", "20", "2000", "0", "0", "-1");
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        List<String> read = lines(reader);
        assertEquals(0, survivor.waitFor());
        assertEquals("done", read.get(read.size() - 1), String.join("\n", read));
        List<Seen> seen = parse(read);
        Set<String> expected = new HashSet<>();
        IntStream.range(0, 5).forEach(n -> expected.add("K#" + n));
        IntStream.range(0, 20).forEach(n -> expected.add("W#" + n));
        assertEquals(expected, new HashSet<>(seen.stream().map(Seen::id).toList()));
        assertEquals(25, seen.size());
        assertFalse(seen.stream().anyMatch(s -> s.index() == hole), "the killed writer's reservation stays empty");
        assertTrue(seen.stream().anyMatch(s -> s.index() > hole), "the reader passed the dead gap");
        assertStrictlyIncreasing(seen);
    }

    @Test
    void aBurstOfFiveThousandEventsIsReadWithoutSkippingAny() throws Exception {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            GlobalSequenceEventStorageEngine engine = Engines.engine(client, java.time.Duration.ofSeconds(10),
                    first -> { });
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
            assertStrictlyIncreasing(seen);
            assertEquals(5049, seen.get(seen.size() - 1).index(), "the token reached the head");
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

    private static void assertStrictlyIncreasing(List<Seen> seen) {
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).index() > seen.get(i - 1).index(),
                    "global order broken at " + seen.get(i - 1) + " then " + seen.get(i));
        }
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
