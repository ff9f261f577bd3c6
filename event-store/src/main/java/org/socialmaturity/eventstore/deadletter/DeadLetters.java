package org.socialmaturity.eventstore.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.AxonSettings;

/**
 * What the operator and the retrier see of the dead-letter queues: each processor's parked sequences (one per
 * company), and retrying them, automatically when due or by hand.
 */
@Singleton
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final AxonRuntime axon;
    private final AxonSettings.DeadLetters settings;

    DeadLetters(AxonRuntime axon, AxonSettings settings) {
        this.axon = axon;
        this.settings = settings.deadLetters();
    }

    /** The letters waiting in a processor's queue, by sequence, each oldest first. */
    public List<Sequence> list(String processor) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor).orElse(null);
        if (queue == null) {
            return List.of();
        }
        SequencingPolicy<? super EventMessage<?>> policy = processing().sequencingPolicy(processor);
        List<Sequence> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            sequenceOf(processor, sequence, policy).ifPresent(sequences::add);
        }
        return sequences;
    }

    /** One company's letters, read by its sequence id alone; empty when it has none. */
    public Optional<Sequence> sequence(String processor, String sequenceId) {
        return queue(processor).flatMap(queue -> sequenceOf(processor, queue.deadLetterSequence(sequenceId),
                processing().sequencingPolicy(processor)));
    }

    private Optional<Sequence> sequenceOf(String processor, Iterable<DeadLetter<? extends EventMessage<?>>> sequence,
                                          SequencingPolicy<? super EventMessage<?>> policy) {
        List<Letter> letters = new ArrayList<>();
        String id = null;
        for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
            if (id == null) {
                id = String.valueOf(policy.getSequenceIdentifierFor(letter.message()));
            }
            letters.add(letterOf(letter, letters.isEmpty()));
        }
        return id == null ? Optional.empty() : Optional.of(new Sequence(processor, id, letters));
    }

    /**
     * Handles a sequence's letters again now, whatever their attempts, from its oldest: what the operator does once
     * the cause is fixed. Letters that succeed leave the queue; the first that fails again stops the sequence there.
     *
     * @return false when the processor has no sequence of that id
     */
    public boolean retry(String processor, String sequenceId) {
        SequencingPolicy<? super EventMessage<?>> policy = processing().sequencingPolicy(processor);
        return deadLetterProcessor(processor)
                .map(p -> p.process(letter -> sequenceId.equals(
                        String.valueOf(policy.getSequenceIdentifierFor(letter.message())))))
                .orElse(false);
    }

    /** Retries every sequence whose oldest letter is due, in every processor; at most {@code limit} sequences. */
    int retryDue(int limit) {
        int retried = 0;
        for (String processor : processing().eventProcessors().keySet()) {
            Optional<SequencedDeadLetterProcessor<EventMessage<?>>> letters = deadLetterProcessor(processor);
            Predicate<DeadLetter<? extends EventMessage<?>>> due = letter -> nextRetryAt(letter)
                    .map(at -> !at.isAfter(Instant.now())).orElse(false);
            // process() answers false at once when nothing is due (or the queue is empty): no count needed first.
            while (letters.isPresent() && retried < limit) {
                boolean processed;
                try {
                    processed = letters.get().process(due);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Retrying dead letters of %s failed", processor);
                    break;
                }
                if (!processed) {
                    break;
                }
                retried++;
            }
        }
        return retried;
    }

    /** Empties a processor's queue: its letters belong to a generation of read models that is gone. */
    public void clear(String processor) {
        queue(processor).ifPresent(SequencedDeadLetterQueue::clear);
    }

    /** When the letter is retried automatically; empty once it has used its automatic attempts. */
    private Optional<Instant> nextRetryAt(DeadLetter<?> letter) {
        int attempts = DeadLettering.attempts(letter.diagnostics().get(DeadLettering.ATTEMPTS));
        if (attempts >= settings.automaticAttempts()) {
            return Optional.empty();
        }
        Duration wait = settings.firstRetryAfter().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        if (wait.compareTo(settings.longestRetryAfter()) > 0) {
            wait = settings.longestRetryAfter();
        }
        return Optional.of(letter.lastTouched().plus(wait));
    }

    private Letter letterOf(DeadLetter<? extends EventMessage<?>> letter, boolean head) {
        EventMessage<?> message = letter.message();
        Long globalIndex = message instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        int attempts = DeadLettering.attempts(letter.diagnostics().get(DeadLettering.ATTEMPTS));
        Optional<Instant> next = head ? nextRetryAt(letter) : Optional.empty();
        String state = !head ? "WAITING_BEHIND" : next.isPresent() ? "RETRYING" : "WAITING_FOR_OPERATOR";
        return new Letter(message.getIdentifier(), globalIndex, message.getPayloadType().getName(),
                letter.enqueuedAt(), letter.lastTouched(), attempts, state, next.orElse(null),
                letter.cause().map(c -> c.type()).orElse(null), letter.cause().map(c -> c.message()).orElse(null));
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String processor) {
        return processing().deadLetterQueue(processor);
    }

    private Optional<SequencedDeadLetterProcessor<EventMessage<?>>> deadLetterProcessor(String processor) {
        return processing().sequencedDeadLetterProcessor(processor);
    }

    private EventProcessingConfiguration processing() {
        return axon.configuration().eventProcessingConfiguration();
    }

    /** One company's parked events in one processor, the oldest first: it blocks the others. */
    public record Sequence(String processor, String sequence, List<Letter> letters) {
    }

    /**
     * One parked event: {@code RETRYING} (automatic retry at {@code nextRetryAt}), {@code WAITING_FOR_OPERATOR}
     * (automatic attempts used up) or {@code WAITING_BEHIND} (an older letter of its sequence blocks it).
     */
    public record Letter(
            String eventId,
            Long globalIndex,
            String payloadType,
            Instant enqueuedAt,
            Instant lastTouched,
            int attempts,
            String state,
            Instant nextRetryAt,
            String causeType,
            String causeMessage) {
    }
}
