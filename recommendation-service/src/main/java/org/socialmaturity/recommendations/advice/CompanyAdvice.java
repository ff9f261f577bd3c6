package org.socialmaturity.recommendations.advice;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.advice.RoadmapItemUpdated;

/**
 * The advice issued to one company. Changes are handled in global order, so the global index of the last change
 * advised on is enough to make issuing exactly-once: a change at or before it (a replay, a restart after a crash
 * between issuing and saving a token) issues nothing. The advice id is derived from its cause, too. Its items form the
 * company's roadmap, which the partner assigns item by item. Revision 2 added the items issued: a snapshot of an
 * earlier revision is ignored and the aggregate loads from its events.
 */
@Revision("2")
public class CompanyAdvice {

    @AggregateIdentifier
    private String adviceStreamId;
    private long lastCauseIndex = -1;
    private final Set<String> issuedItemCodes = new HashSet<>();

    protected CompanyAdvice() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(IssueAdvice command) {
        if (command.causeIndex() <= lastCauseIndex) {
            return;
        }
        adviceStreamId = command.adviceStreamId();
        String adviceId = UUID.nameUUIDFromBytes(("advice/" + command.causeEventId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        apply(new AdviceIssued(adviceId, command.companyId(), command.partnerId(), command.trigger(),
                command.itemCodes(), command.dimensions(), command.causeEventId(), command.causeIndex(),
                command.issuedAt()));
    }

    /** Only an item issued to the company is on its roadmap. */
    @CommandHandler
    public void handle(UpdateRoadmapItem command) {
        if (!issuedItemCodes.contains(command.itemCode())) {
            throw new UnknownRoadmapItem(command.itemCode());
        }
        apply(new RoadmapItemUpdated(command.companyId(), command.partnerId(), command.itemCode(), command.owner(),
                command.due(), command.status(), command.updatedAt()));
    }

    @EventSourcingHandler
    void on(AdviceIssued event) {
        adviceStreamId = AdviceIssued.streamIdOf(event.companyId());
        lastCauseIndex = Math.max(lastCauseIndex, event.causeIndex());
        issuedItemCodes.addAll(event.itemCodes());
    }
}
