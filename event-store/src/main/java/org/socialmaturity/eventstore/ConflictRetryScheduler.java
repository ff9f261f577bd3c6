package org.socialmaturity.eventstore;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command only when it lost an optimistic-concurrency race on its aggregate (another writer appended the
 * same sequence number first): reloading the aggregate and handling the command again is then always correct. Any
 * other failure, a rule the command broke above all, is final and reaches the caller at once. Creating an aggregate
 * whose id is taken is final too: retrying cannot make the id free.
 */
final class ConflictRetryScheduler implements RetryScheduler {

    private static final long BASE_DELAY_MS = 5;

    private final ScheduledExecutorService executor;
    private final int maxRetries;

    ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries) {
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() > maxRetries || !isConflict(lastFailure)) {
            return false;
        }
        long ceiling = BASE_DELAY_MS << Math.min(failures.size(), 8);
        long delay = ThreadLocalRandom.current().nextLong(BASE_DELAY_MS, ceiling + 1);
        executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
