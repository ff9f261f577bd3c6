package org.socialmaturity.eventstore.deadletter;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.AxonModule;
import org.socialmaturity.eventstore.AxonSettings;

import com.mongodb.client.MongoClient;

/**
 * No event processor of the platform skips an event. A handler that throws parks the event in its processing group's
 * dead-letter queue (axon-mongo's {@link MongoSequencedDeadLetterQueue}, in the service's own database), and every
 * later event of the same sequence (the same company) queues behind it while other companies go on; the
 * {@link DeadLetterRetrier} retries it with back-off. Anything that fails outside a handler (the queue itself cannot
 * be written, a token cannot be stored) propagates: the processor stops that batch and retries it from its last
 * token, with Axon's own back-off, and readiness reports the error meanwhile.
 */
@ApplicationScoped
public class DeadLettering implements AxonModule {

    /** Handling attempts so far, kept in the letter's diagnostics. */
    static final String ATTEMPTS = "attempts";
    private static final Logger LOG = Logger.getLogger(DeadLettering.class);

    private final MongoClient mongo;
    private final AxonSettings settings;

    DeadLettering(MongoClient mongo, AxonSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDeadLetterQueueProvider(group -> c -> MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .mongoTemplate(DefaultMongoTemplate.builder()
                                .mongoDatabase(mongo, settings.serviceDatabase())
                                .build())
                        .serializer(c.serializer())
                        .transactionManager(NoTransactionManager.instance())
                        .claimDuration(settings.deadLetters().claimDuration())
                        .build())
                .registerDefaultDeadLetterPolicy(c -> countingAttempts());
    }

    /** Every failure keeps the letter (nothing is ever dropped) and counts the attempt. */
    private static EnqueuePolicy<EventMessage<?>> countingAttempts() {
        return (letter, cause) -> {
            int attempts = attempts(letter.diagnostics().get(ATTEMPTS)) + 1;
            LOG.warnf("Event %s (%s) failed in attempt %d and stays in the dead-letter queue: %s",
                    letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName(), attempts,
                    cause == null ? "no cause" : cause.toString());
            return Decisions.requeue(cause, l -> l.diagnostics().and(ATTEMPTS, attempts));
        };
    }

    static int attempts(Object stored) {
        return stored instanceof Number number ? number.intValue() : 0;
    }
}
