package org.socialmaturity.eventstore.mongo;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The other processes of the proofs, started by the tests with the test classpath:
 * <ul>
 * <li>{@code writer <uri> <name> <count> <slowEvery> <slowMs> <pauseAt>}: appends {@code count} events of aggregate
 * {@code name}, one commit each, waiting up to 30 ms between choosing the global index and inserting, and
 * {@code slowMs} for every {@code slowEvery}-th; at event {@code pauseAt} it prints {@code chose <index>} and waits
 * 3 s there, long enough for the test to freeze or kill it at exactly that point.</li>
 * <li>{@code reader <uri> <expected> <deadlineMs>}: tracks the store from the start with Axon's
 * {@link EmbeddedEventStore} and prints {@code <globalIndex> <writer#number>} per event until it has seen
 * {@code expected} distinct events, then {@code done}.</li>
 * </ul>
 */
public final class ProofProcess {

    private ProofProcess() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        try (MongoClient client = MongoClients.create(args[1])) {
            if (args[0].equals("writer")) {
                write(client, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]),
                        Integer.parseInt(args[6]));
            } else {
                read(client, Integer.parseInt(args[2]), Long.parseLong(args[3]));
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static void write(MongoClient client, String name, int count, int slowEvery, long slowMs, int pauseAt) {
        int[] current = {0};
        boolean[] paused = {false};
        GlobalSequenceEventStorageEngine engine = Engines.engine(client, index -> {
            int n = current[0];
            if (n == pauseAt && !paused[0]) {
                paused[0] = true;
                System.out.println("chose " + index);
                System.out.flush();
                sleep(3000);
            }
            sleep(slowEvery > 0 && n % slowEvery == slowEvery - 1 ? slowMs : ThreadLocalRandom.current().nextLong(30));
        });
        for (int n = 0; n < count; n++) {
            current[0] = n;
            engine.appendEvents(Engines.events(name, n, 1));
        }
        System.out.println("written " + count);
    }

    private static void read(MongoClient client, int expected, long deadlineMs) throws InterruptedException {
        GlobalSequenceEventStorageEngine engine = Engines.engine(client, index -> { });
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(20).build();
        long deadline = System.currentTimeMillis() + deadlineMs;
        Set<String> seen = new HashSet<>();
        try (TrackingEventStream stream = store.openStream(null)) {
            while (seen.size() < expected && System.currentTimeMillis() < deadline) {
                if (!stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                ProofEvent payload = (ProofEvent) event.getPayload();
                seen.add(payload.id());
                System.out.println(event.trackingToken().position().orElseThrow() + " " + payload.id());
                System.out.flush();
            }
        }
        System.out.println(seen.size() >= expected ? "done" : "deadline");
        store.shutDown();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
