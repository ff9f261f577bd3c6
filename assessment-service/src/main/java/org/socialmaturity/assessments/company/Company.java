package org.socialmaturity.assessments.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.socialmaturity.contracts.EventTime;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.company.UnknownCompany;
import org.socialmaturity.contracts.questionnaire.Dimension;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.rules.BrokenRule;
import org.socialmaturity.contracts.rules.InvalidInput;

/** A partner's client company. Its id is chosen by the caller so that a retried registration finds it again. */
public class Company {

    @AggregateIdentifier
    private String companyId;
    private CompanyRegistered registration;
    private String targetId;

    protected Company() {
        // for Axon
    }

    @CommandHandler
    public Company(RegisterCompany command, Clock clock) {
        apply(new CompanyRegistered(command.companyId(), command.partnerId(), command.name(), command.sector(),
                command.country(), command.employees(), EventTime.now(clock)));
    }

    @CommandHandler
    public void handle(SetCompanyTarget command, QuestionnaireCatalogue catalogue, Clock clock) {
        if (!belongsTo(command.partnerId())) {
            throw new UnknownCompany(companyId);
        }
        if (command.targetId().equals(targetId)) {
            return;
        }
        requireReachable(command, catalogue.current(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        apply(new TargetSet(companyId, registration.partnerId(), command.targetId(), command.phase(),
                command.dimensionLevels(), command.due(), EventTime.now(clock)));
    }

    /**
     * A target is a phase and levels that exist, in dimensions of the current questionnaire, by a date not yet past (in
     * UTC); every rule it breaks is reported at once.
     */
    private static void requireReachable(SetCompanyTarget command, Questionnaire questionnaire, LocalDate today) {
        List<BrokenRule> broken = new ArrayList<>();
        if (command.phase() < 1 || command.phase() > 4) {
            broken.add(new BrokenRule("phase", "must be between 1 and 4"));
        }
        List<String> known = questionnaire.dimensions().stream().map(Dimension::id).toList();
        command.dimensionLevels().forEach((id, level) -> {
            if (!known.contains(id)) {
                broken.add(new BrokenRule("dimensions." + id, "is not a dimension of questionnaire "
                        + questionnaire.version() + ": one of " + known));
            } else if (level == null || level < 1 || level > 4) {
                broken.add(new BrokenRule("dimensions." + id, "must be a level between 1 and 4"));
            }
        });
        if (command.due().isBefore(today)) {
            broken.add(new BrokenRule("due", "must be today or later"));
        }
        if (!broken.isEmpty()) {
            throw new InvalidInput(broken);
        }
    }

    @EventSourcingHandler
    void on(CompanyRegistered event) {
        this.companyId = event.companyId();
        this.registration = event;
    }

    @EventSourcingHandler
    void on(TargetSet event) {
        this.targetId = event.targetId();
    }

    public boolean belongsTo(String partnerId) {
        return registration.partnerId().equals(partnerId);
    }

    public CompanyRegistered registration() {
        return registration;
    }
}
