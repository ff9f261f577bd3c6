package org.socialmaturity.assessments;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.config.Configurer;
import org.socialmaturity.assessments.assessment.Assessment;
import org.socialmaturity.assessments.company.Company;
import org.socialmaturity.assessments.company.CompanyDirectory;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.Aggregates;
import org.socialmaturity.eventstore.AxonModule;
import org.socialmaturity.eventstore.AxonSettings;

/** The aggregates and projections of assessment-service, and the catalogue their handlers receive. */
@ApplicationScoped
public class AssessmentServiceModule implements AxonModule {

    private final QuestionnaireCatalogue catalogue;
    private final CompanyDirectory companyDirectory;
    private final AxonSettings settings;

    AssessmentServiceModule(QuestionnaireCatalogue catalogue, CompanyDirectory companyDirectory, AxonSettings settings) {
        this.catalogue = catalogue;
        this.companyDirectory = companyDirectory;
        this.settings = settings;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(QuestionnaireCatalogue.class, c -> catalogue)
                .configureAggregate(Aggregates.eventSourced(Company.class, settings))
                .configureAggregate(Aggregates.eventSourced(Assessment.class, settings));
        configurer.eventProcessing().registerEventHandler(c -> companyDirectory);
    }
}
