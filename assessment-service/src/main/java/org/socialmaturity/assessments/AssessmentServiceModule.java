package org.socialmaturity.assessments;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.config.Configurer;
import org.socialmaturity.assessments.assessment.Assessment;
import org.socialmaturity.assessments.questionnaire.QuestionnaireVersions;
import org.socialmaturity.assessments.company.Company;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.Aggregates;
import org.socialmaturity.eventstore.AxonModule;
import org.socialmaturity.eventstore.AxonSettings;

/** The aggregates of assessment-service, and the catalogue their handlers receive (its read model is generational). */
@ApplicationScoped
public class AssessmentServiceModule implements AxonModule {

    private final QuestionnaireCatalogue catalogue;
    private final AxonSettings settings;

    AssessmentServiceModule(QuestionnaireCatalogue catalogue, AxonSettings settings) {
        this.catalogue = catalogue;
        this.settings = settings;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(QuestionnaireCatalogue.class, c -> catalogue)
                .configureAggregate(Aggregates.eventSourced(Company.class, settings))
                .configureAggregate(Aggregates.eventSourced(Assessment.class, settings))
                .configureAggregate(Aggregates.eventSourced(QuestionnaireVersions.class, settings));
    }
}
