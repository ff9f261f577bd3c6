package org.socialmaturity.recommendations;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.config.Configurer;
import org.socialmaturity.eventstore.Aggregates;
import org.socialmaturity.eventstore.AxonModule;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.eventstore.SequencedByCompany;
import org.socialmaturity.recommendations.advice.AdviceDecisions;
import org.socialmaturity.recommendations.advice.CompanyAdvice;

/** The advice aggregate and the advice decisions of recommendation-service (the advice log is a generational read model). */
@ApplicationScoped
public class RecommendationServiceModule implements AxonModule {

    private final AdviceDecisions advice;
    private final AxonSettings settings;

    RecommendationServiceModule(AdviceDecisions advice, AxonSettings settings) {
        this.advice = advice;
        this.settings = settings;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Aggregates.eventSourced(CompanyAdvice.class, settings));
        configurer.eventProcessing()
                .registerEventHandler(c -> advice)
                .registerSequencingPolicy(AdviceDecisions.PROCESSOR, c -> new SequencedByCompany());
    }
}
