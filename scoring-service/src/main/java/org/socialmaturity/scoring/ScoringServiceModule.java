package org.socialmaturity.scoring;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.config.Configurer;
import org.socialmaturity.eventstore.Aggregates;
import org.socialmaturity.eventstore.AxonModule;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.eventstore.SequencedByCompany;
import org.socialmaturity.scoring.maturity.CompanyMaturity;
import org.socialmaturity.scoring.maturity.MaturityDecisions;

/** The maturity aggregate and the decisions processor of scoring-service (the timeline is a generational read model). */
@ApplicationScoped
public class ScoringServiceModule implements AxonModule {

    private final MaturityDecisions decisions;
    private final AxonSettings settings;

    ScoringServiceModule(MaturityDecisions decisions, AxonSettings settings) {
        this.decisions = decisions;
        this.settings = settings;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Aggregates.eventSourced(CompanyMaturity.class, settings));
        configurer.eventProcessing()
                .registerEventHandler(c -> decisions)
                .registerSequencingPolicy(MaturityDecisions.PROCESSOR, c -> new SequencedByCompany());
    }
}
