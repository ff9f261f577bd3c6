package org.socialmaturity.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConflictRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConflictRetryScheduler scheduler = new ConflictRetryScheduler(executor, 3);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void retriesALostConcurrencyRaceUntilTheLimit() throws InterruptedException {
        CountDownLatch dispatched = new CountDownLatch(1);
        RuntimeException conflict = new RuntimeException(new ConcurrencyException("sequence 4 taken"));

        assertTrue(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"), conflict,
                failures(1), dispatched::countDown));
        assertTrue(dispatched.await(2, TimeUnit.SECONDS), "the retry ran");
        assertTrue(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"), conflict, failures(3), () -> { }));
        assertFalse(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"), conflict, failures(4), () -> { }));
    }

    @Test
    void neverRetriesARuleTheCommandBrokeNorATakenId() {
        assertFalse(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new IllegalArgumentException("value must be between 0 and 100"), failures(1), () -> { }));
        assertFalse(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new AggregateStreamCreationException("id taken"), failures(1), () -> { }));
        assertEquals(false, ConflictRetryScheduler.isConflict(null));
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[] {ConcurrencyException.class});
        }
        return failures;
    }
}
