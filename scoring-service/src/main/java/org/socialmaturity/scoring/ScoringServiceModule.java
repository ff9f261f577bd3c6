package org.socialmaturity.scoring;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.config.Configurer;
import org.socialmaturity.eventstore.Aggregates;
import org.socialmaturity.eventstore.AxonModule;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.eventstore.SequencedByCompany;
import org.socialmaturity.scoring.maturity.CompanyMaturity;
import org.socialmaturity.scoring.timeline.TimelineProjection;

/** The maturity aggregate and the timeline projection of scoring-service. */
@ApplicationScoped
public class ScoringServiceModule implements AxonModule {

    private final TimelineProjection timelines;
    private final AxonSettings settings;

    ScoringServiceModule(TimelineProjection timelines, AxonSettings settings) {
        this.timelines = timelines;
        this.settings = settings;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Aggregates.eventSourced(CompanyMaturity.class, settings));
        configurer.eventProcessing()
                .registerEventHandler(c -> timelines)
                .registerSequencingPolicy(TimelineProjection.PROCESSOR, c -> new SequencedByCompany());
    }
}
