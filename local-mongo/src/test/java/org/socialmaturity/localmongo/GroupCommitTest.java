package org.socialmaturity.localmongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void writersReturnOnlyOnceTheirWriteIsDurableAndShareRounds() throws Exception {
        AtomicLong landedInStore = new AtomicLong();
        AtomicLong durableUpTo = new AtomicLong();
        GroupCommit groupCommit = new GroupCommit(() -> {
            long landedWhenRoundStarted = landedInStore.get();
            sleepMillis(2); // an fsync
            durableUpTo.accumulateAndGet(landedWhenRoundStarted, Math::max);
        });
        int writers = 16;
        int writesEach = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        long ticket = groupCommit.begin();
                        long write = landedInStore.incrementAndGet();
                        groupCommit.awaitDurable(groupCommit.landed(ticket));
                        assertTrue(durableUpTo.get() >= write,
                                "write " + write + " acknowledged before it was durable");
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(writers * writesEach, groupCommit.writes());
        assertTrue(groupCommit.rounds() <= groupCommit.writes() / 4,
                groupCommit.rounds() + " rounds for " + groupCommit.writes() + " writes: writers did not share them");
    }

    @Test
    void aFailedRoundAcknowledgesNothingAndTheNextRoundRetries() {
        AtomicBoolean diskFull = new AtomicBoolean(true);
        GroupCommit groupCommit = new GroupCommit(() -> {
            if (diskFull.get()) {
                throw new IllegalStateException("No space left on device");
            }
        });

        long write = groupCommit.landed(groupCommit.begin());
        assertThrows(IllegalStateException.class, () -> groupCommit.awaitDurable(write));
        diskFull.set(false);
        groupCommit.awaitDurable(write);

        assertEquals(1, groupCommit.rounds());
    }

    @Test
    void aReaderReturnsOnlyOnceEveryWriteBegunBeforeItsReadIsDurable() throws Exception {
        CountDownLatch fsync = new CountDownLatch(1);
        GroupCommit groupCommit = new GroupCommit(() -> {
            try {
                fsync.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        groupCommit.awaitReadDurable(); // nothing pending: at once
        assertEquals(0, groupCommit.rounds());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long stillWriting = groupCommit.begin(); // in the store, maybe visible, not yet landed
            Future<?> reader = pool.submit(groupCommit::awaitReadDurable);
            Thread.sleep(100);
            assertFalse(reader.isDone(), "a read returned while a write it may have seen was still being made");

            long landedAs = groupCommit.landed(stillWriting);
            Future<?> writer = pool.submit(() -> groupCommit.awaitDurable(landedAs));
            Thread.sleep(100);
            assertFalse(reader.isDone(), "a read returned before the write it may have seen was durable");
            assertFalse(writer.isDone());

            fsync.countDown();
            reader.get(5, TimeUnit.SECONDS);
            writer.get(5, TimeUnit.SECONDS);
            assertEquals(1, groupCommit.rounds(), "the reader waited for the writer's round, or led it");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
