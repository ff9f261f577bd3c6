package org.socialmaturity.eventstore.deadletter;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Retries due dead letters in the background. Each retry claims its sequence in the queue, so replicas do not handle
 * the same letter twice at once.
 */
@ApplicationScoped
public class DeadLetterRetrier {

    private static final int SEQUENCES_PER_ROUND = 50;

    private final DeadLetters deadLetters;

    DeadLetterRetrier(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Scheduled(every = "${platform.axon.dead-letters.poll-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryDue() {
        deadLetters.retryDue(SEQUENCES_PER_ROUND);
    }
}
