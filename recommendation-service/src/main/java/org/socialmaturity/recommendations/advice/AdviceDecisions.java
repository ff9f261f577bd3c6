package org.socialmaturity.recommendations.advice;

import java.util.Map;

import jakarta.inject.Singleton;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.maturity.TargetReached;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.GlobalIndex;
import org.socialmaturity.recommendations.advice.AdviceRules.Advice;
import org.socialmaturity.recommendations.webhook.WebhookOutbox;
import org.socialmaturity.recommendations.webhook.WebhookOutbox.Published;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The side effects of recommendation-service, and nothing else: it issues the advice each phase or quadrant change
 * calls for (through {@link CompanyAdvice}, which makes it exactly-once) and puts every phase change and advice in the
 * partner's webhook outbox (delivery ids are derived from the event, so nothing is enqueued twice). It keeps no read
 * model and is never rebuilt: its token only moves forward, so a rebuild of the advice log adds no advice and no
 * delivery. Sequenced by company.
 */
@Singleton
@ProcessingGroup(AdviceDecisions.PROCESSOR)
public class AdviceDecisions {

    public static final String PROCESSOR = "advice";

    private final AxonRuntime axon;
    private final WebhookOutbox webhooks;
    private final Counter issuedCounter;

    AdviceDecisions(AxonRuntime axon, WebhookOutbox webhooks, MeterRegistry meters) {
        this.axon = axon;
        this.webhooks = webhooks;
        this.issuedCounter = Counter.builder("platform.advice.issued")
                .description("Advice issued").register(meters);
    }

    @EventHandler
    void on(MaturityPhaseChanged change, EventMessage<?> message, TrackingToken token,
            @MetaDataValue(AxonRuntime.CORRELATION_ID) String correlationId) {
        webhooks.publish(Published.of(change.partnerId(), message));
        issue(change.companyId(), change.partnerId(), AdviceRules.forPhaseChange(change), message, token,
                correlationId);
    }

    @EventHandler
    void on(QuadrantChanged change, EventMessage<?> message, TrackingToken token,
            @MetaDataValue(AxonRuntime.CORRELATION_ID) String correlationId) {
        issue(change.companyId(), change.partnerId(), AdviceRules.forQuadrantChange(change), message, token,
                correlationId);
    }

    /** A target reached goes to the partner's webhooks as it is; no advice is issued for it. */
    @EventHandler
    void on(TargetReached event, EventMessage<?> message) {
        webhooks.publish(Published.of(event.partnerId(), message));
    }

    /**
     * The advice goes to the webhooks when its event comes by, not when the command that issued it returns: that
     * command's events are stored only when this processor's batch commits (a command sent from an event handler runs
     * in a unit of work nested in the batch's), so its delivery is enqueued once the advice exists, and a crash in
     * between cannot lose it (the event is after the token).
     */
    @EventHandler
    void on(AdviceIssued event, EventMessage<?> message) {
        webhooks.publish(Published.of(event.partnerId(), message));
        issuedCounter.increment();
    }

    /** Handling a change again (a restart before the token was stored) issues nothing: the aggregate saw its cause. */
    private void issue(String companyId, String partnerId, Advice advice, EventMessage<?> change, TrackingToken token,
                       String correlationId) {
        IssueAdvice command = new IssueAdvice(AdviceIssued.streamIdOf(companyId), companyId, partnerId,
                advice.trigger(), advice.itemCodes(), advice.dimensions(), change.getIdentifier(), GlobalIndex.of(token),
                change.getTimestamp());
        axon.configuration().commandGateway().sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(AxonRuntime.CORRELATION_ID, correlationId == null ? change.getIdentifier()
                        : correlationId, AxonRuntime.ACTOR, "recommendation-service")));
    }
}
