package org.socialmaturity.assessments.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.socialmaturity.contracts.EventTime;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.web.ApiProblem;

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
    public Company(RegisterCompany command) {
        apply(new CompanyRegistered(command.companyId(), command.partnerId(), command.name(), command.sector(),
                command.country(), command.employees(), EventTime.now()));
    }

    @CommandHandler
    public void handle(SetCompanyTarget command) {
        if (!belongsTo(command.partnerId())) {
            throw ApiProblem.notFound("Company", companyId);
        }
        if (command.targetId().equals(targetId)) {
            return;
        }
        apply(new TargetSet(companyId, registration.partnerId(), command.targetId(), command.phase(),
                command.dimensionLevels(), command.due(), EventTime.now()));
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
