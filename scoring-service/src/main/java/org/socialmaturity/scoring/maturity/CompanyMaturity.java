package org.socialmaturity.scoring.maturity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.maturity.TargetReached;

/**
 * The determinate phase and quadrant a company was last declared in, and the last cause that declared them. It is
 * what makes phase and quadrant changes exactly-once: the scoring projection may handle an answer twice (a replay,
 * a restart after a crash between appending and saving its token), but a cause at or before the last recorded one
 * changes nothing, and a cause that leaves phase and quadrant as they are appends nothing.
 */
public class CompanyMaturity {

    @AggregateIdentifier
    private String maturityId;
    private Integer phase;
    private Quadrant quadrant;
    private long lastCauseIndex = -1;
    /** Every target declared reached: set again later (its id is its content), a target is not reached twice. */
    private final Set<String> reachedTargetIds = new HashSet<>();

    protected CompanyMaturity() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordMaturity command) {
        if (command.causeIndex() <= lastCauseIndex) {
            return;
        }
        if (maturityId == null) {
            maturityId = command.maturityId();
        }
        if (phase == null || phase != command.phase()) {
            apply(new MaturityPhaseChanged(command.companyId(), command.partnerId(), phase, command.phase(),
                    command.quadrant(), command.index(), command.dimensionScores(), command.causeEventId(),
                    command.causeIndex(), command.causedAt()));
        }
        if (quadrant != command.quadrant()) {
            apply(new QuadrantChanged(command.companyId(), command.partnerId(), quadrant, command.quadrant(),
                    command.investment(), command.innovation(), command.dimensionScores(), command.causeEventId(),
                    command.causeIndex(),
                    command.causedAt()));
        }
        TargetSet target = command.target();
        if (target != null && !reachedTargetIds.contains(target.targetId())
                && target.metBy(command.phase(), command.dimensionScores())) {
            apply(new TargetReached(command.companyId(), command.partnerId(), target.targetId(), target.phase(),
                    command.phase(), command.index(), command.causeEventId(), command.causeIndex(),
                    command.causedAt()));
        }
    }

    @EventSourcingHandler
    void on(MaturityPhaseChanged event) {
        maturityId = RecordMaturity.maturityIdOf(event.companyId());
        phase = event.toPhase();
        lastCauseIndex = Math.max(lastCauseIndex, event.causeIndex());
    }

    @EventSourcingHandler
    void on(TargetReached event) {
        maturityId = RecordMaturity.maturityIdOf(event.companyId());
        reachedTargetIds.add(event.targetId());
        lastCauseIndex = Math.max(lastCauseIndex, event.causeIndex());
    }

    @EventSourcingHandler
    void on(QuadrantChanged event) {
        maturityId = RecordMaturity.maturityIdOf(event.companyId());
        quadrant = event.toQuadrant();
        lastCauseIndex = Math.max(lastCauseIndex, event.causeIndex());
    }
}
