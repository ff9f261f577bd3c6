package org.socialmaturity.recommendations.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
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
 * partner's webhook outbox, the advice in the same write as the change that caused it (delivery ids are derived from
 * the event, so nothing is enqueued twice). It keeps no read model and is never rebuilt: its token only moves
 * forward, so a rebuild of the advice log adds no advice and no delivery. Sequenced by company.
 */
@Singleton
@ProcessingGroup(AdviceDecisions.PROCESSOR)
public class AdviceDecisions {

    public static final String PROCESSOR = "advice";
    private static final ThreadLocal<List<EventMessage<?>>> ISSUED_BY_THIS_THREAD = new ThreadLocal<>();

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
        List<EventMessage<?>> issued = issue(change.companyId(), change.partnerId(),
                AdviceRules.forPhaseChange(change), message, token, correlationId);
        List<Published> events = new ArrayList<>();
        events.add(Published.of(change.partnerId(), message));
        issued.forEach(advice -> events.add(Published.of(change.partnerId(), advice)));
        webhooks.publish(events);
    }

    @EventHandler
    void on(QuadrantChanged change, EventMessage<?> message, TrackingToken token,
            @MetaDataValue(AxonRuntime.CORRELATION_ID) String correlationId) {
        List<EventMessage<?>> issued = issue(change.companyId(), change.partnerId(),
                AdviceRules.forQuadrantChange(change), message, token, correlationId);
        webhooks.publish(issued.stream().map(advice -> Published.of(change.partnerId(), advice)).toList());
    }

    /**
     * Publishes advice to the webhooks once more when its event comes by: the change that caused it published it
     * already, unless the service stopped in between (then this is the only time), and a delivery is never enqueued
     * twice.
     */
    @EventHandler
    void on(AdviceIssued event, EventMessage<?> message) {
        webhooks.publish(List.of(Published.of(event.partnerId(), message)));
        issuedCounter.increment();
    }

    /**
     * Captures the {@code AdviceIssued} events the command this thread sends publishes, as the event bus dispatches
     * them: the change that caused them puts them in the webhook outbox together with itself, in one write, as soon
     * as the command returns (its events are stored then), instead of waiting for them to come by.
     */
    public MessageDispatchInterceptor<EventMessage<?>> issuedAdviceCapture() {
        return messages -> {
            List<EventMessage<?>> capture = ISSUED_BY_THIS_THREAD.get();
            if (capture != null) {
                messages.stream().filter(m -> m.getPayload() instanceof AdviceIssued).forEach(capture::add);
            }
            return (index, message) -> message;
        };
    }

    /**
     * Handling a change again (a restart before the token was stored) issues nothing: the aggregate saw its cause.
     *
     * @return the AdviceIssued events the command stored
     */
    private List<EventMessage<?>> issue(String companyId, String partnerId, Advice advice, EventMessage<?> change,
                                        TrackingToken token, String correlationId) {
        IssueAdvice command = new IssueAdvice(IssueAdvice.streamIdOf(companyId), companyId, partnerId,
                advice.trigger(), advice.itemCodes(), advice.dimensions(), change.getIdentifier(), GlobalIndex.of(token),
                change.getTimestamp());
        List<EventMessage<?>> issued = new ArrayList<>();
        ISSUED_BY_THIS_THREAD.set(issued);
        try {
            axon.configuration().commandGateway().sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(AxonRuntime.CORRELATION_ID, correlationId == null ? change.getIdentifier()
                            : correlationId, AxonRuntime.ACTOR, "recommendation-service")));
        } finally {
            ISSUED_BY_THIS_THREAD.remove();
        }
        return issued;
    }
}
