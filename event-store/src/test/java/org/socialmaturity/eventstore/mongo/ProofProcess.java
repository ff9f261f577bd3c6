package org.socialmaturity.eventstore.mongo;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventhandling.TrackingEventStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The other processes of the proofs, started by the tests with the test classpath:
 * <ul>
 * <li>{@code writer <uri> <name> <count> <gapTimeoutMs> <slowEvery> <slowMs> <hangAt>}: appends {@code count}
 * events of aggregate {@code name}, one commit each, waiting up to 30 ms between reserving and inserting, and
 * {@code slowMs} for every {@code slowEvery}-th; at event {@code hangAt} it reserves, prints
 * {@code reserved <index>} and never inserts.</li>
 * <li>{@code reader <uri> <expected> <gapTimeoutMs> <deadlineMs>}: tracks the store from the start with Axon's
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
                write(client, args[2], Integer.parseInt(args[3]), Duration.ofMillis(Long.parseLong(args[4])),
                        Integer.parseInt(args[5]), Long.parseLong(args[6]), Integer.parseInt(args[7]));
            } else {
                read(client, Integer.parseInt(args[2]), Duration.ofMillis(Long.parseLong(args[3])),
                        Long.parseLong(args[4]));
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static void write(MongoClient client, String name, int count, Duration gapTimeout, int slowEvery,
                              long slowMs, int hangAt) {
        int[] current = {0};
        GlobalSequenceEventStorageEngine engine = Engines.engine(client, gapTimeout, first -> {
            int n = current[0];
            if (n == hangAt) {
                System.out.println("reserved " + first);
                System.out.flush();
                sleep(TimeUnit.HOURS.toMillis(1));
            }
            sleep(slowEvery > 0 && n % slowEvery == slowEvery - 1 ? slowMs : ThreadLocalRandom.current().nextLong(30));
        });
        for (int n = 0; n < count; n++) {
            current[0] = n;
            engine.appendEvents(Engines.events(name, n, 1));
        }
        System.out.println("written " + count);
    }

    private static void read(MongoClient client, int expected, Duration gapTimeout, long deadlineMs)
            throws InterruptedException {
        GlobalSequenceEventStorageEngine engine = Engines.engine(client, gapTimeout, first -> { });
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
