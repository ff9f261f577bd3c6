package org.socialmaturity.recommendations.advice;

import java.util.Map;

import jakarta.inject.Singleton;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.GlobalIndex;
import org.socialmaturity.recommendations.advice.AdviceRules.Advice;
import org.socialmaturity.recommendations.advice.CompanyAdviceLog.Issued;
import org.socialmaturity.recommendations.webhook.WebhookOutbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tracks phase and quadrant changes and issues the advice they call for (through {@link CompanyAdvice}, which
 * makes it exactly-once), keeps each company's advice log, and puts every phase change and advice in the partner's
 * webhook outbox (whose delivery ids are derived from the event, so nothing is enqueued twice). Its
 * {@code @ResetHandler} clears the logs only: deliveries are side effects, not a read model. Sequenced by company.
 */
@Singleton
@ProcessingGroup(AdviceProjection.PROCESSOR)
public class AdviceProjection {

    public static final String PROCESSOR = "advice";

    private final AdviceLogs logs;
    private final AxonRuntime axon;
    private final WebhookOutbox webhooks;
    private final Counter issuedCounter;

    AdviceProjection(AdviceLogs logs, AxonRuntime axon, WebhookOutbox webhooks, MeterRegistry meters) {
        this.logs = logs;
        this.axon = axon;
        this.webhooks = webhooks;
        this.issuedCounter = Counter.builder("platform.advice.issued")
                .description("Advice issued (not counting replays)").register(meters);
    }

    @EventHandler
    void on(CompanyRegistered event, TrackingToken token) {
        CompanyAdviceLog log = logOf(event.companyId(), event.partnerId());
        if (!applied(log, token)) {
            save(log, token);
        }
    }

    @EventHandler
    void on(MaturityPhaseChanged change, EventMessage<?> message, TrackingToken token,
            @MetaDataValue(AxonRuntime.CORRELATION_ID) String correlationId) {
        CompanyAdviceLog log = logOf(change.companyId(), change.partnerId());
        if (applied(log, token)) {
            return;
        }
        webhooks.publish(change.partnerId(), message.getIdentifier(), "MaturityPhaseChanged", message.getTimestamp(),
                change);
        issue(log, AdviceRules.forPhaseChange(change), message, token, correlationId);
    }

    @EventHandler
    void on(QuadrantChanged change, EventMessage<?> message, TrackingToken token,
            @MetaDataValue(AxonRuntime.CORRELATION_ID) String correlationId) {
        CompanyAdviceLog log = logOf(change.companyId(), change.partnerId());
        if (!applied(log, token)) {
            issue(log, AdviceRules.forQuadrantChange(change), message, token, correlationId);
        }
    }

    @EventHandler
    void on(AdviceIssued event, EventMessage<?> message, TrackingToken token, ReplayStatus replay) {
        CompanyAdviceLog log = logOf(event.companyId(), event.partnerId());
        if (applied(log, token)) {
            return;
        }
        // Enqueued before the log is saved: handling it again after a crash enqueues the same delivery id.
        webhooks.publish(event.partnerId(), message.getIdentifier(), "AdviceIssued", message.getTimestamp(), event);
        if (!replay.isReplay()) {
            issuedCounter.increment();
        }
        log.issued.add(new Issued(event.adviceId(), event.issuedAt(), event.trigger(), event.itemCodes(),
                event.dimensions(), event.causeEventId()));
        save(log, token);
    }

    @ResetHandler
    void reset() {
        logs.deleteAll();
    }

    /** Issues before saving the log: a crash in between issues again on restart, which the aggregate ignores. */
    private void issue(CompanyAdviceLog log, Advice advice, EventMessage<?> change, TrackingToken token,
                       String correlationId) {
        IssueAdvice command = new IssueAdvice(IssueAdvice.streamIdOf(log.companyId), log.companyId, log.partnerId,
                advice.trigger(), advice.itemCodes(), advice.dimensions(), change.getIdentifier(), GlobalIndex.of(token),
                change.getTimestamp());
        axon.configuration().commandGateway().sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(AxonRuntime.CORRELATION_ID, correlationId == null ? change.getIdentifier()
                        : correlationId, AxonRuntime.ACTOR, "recommendation-service")));
        save(log, token);
    }

    private CompanyAdviceLog logOf(String companyId, String partnerId) {
        return logs.find(companyId).orElseGet(() -> {
            CompanyAdviceLog log = new CompanyAdviceLog();
            log.companyId = companyId;
            log.partnerId = partnerId;
            return log;
        });
    }

    private static boolean applied(CompanyAdviceLog log, TrackingToken token) {
        return GlobalIndex.of(token) <= log.lastIndex;
    }

    private void save(CompanyAdviceLog log, TrackingToken token) {
        log.lastIndex = GlobalIndex.of(token);
        logs.save(log);
    }
}
