package org.socialmaturity.assessments;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.config.Configurer;
import org.socialmaturity.assessments.assessment.Assessment;
import org.socialmaturity.assessments.company.Company;
import org.socialmaturity.assessments.company.CompanyDirectory;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.AxonModule;

/** The aggregates and projections of assessment-service, and the catalogue their handlers receive. */
@ApplicationScoped
public class AssessmentServiceModule implements AxonModule {

    private final QuestionnaireCatalogue catalogue;
    private final CompanyDirectory companyDirectory;

    AssessmentServiceModule(QuestionnaireCatalogue catalogue, CompanyDirectory companyDirectory) {
        this.catalogue = catalogue;
        this.companyDirectory = companyDirectory;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(QuestionnaireCatalogue.class, c -> catalogue)
                .configureAggregate(Company.class)
                .configureAggregate(Assessment.class);
        configurer.eventProcessing().registerEventHandler(c -> companyDirectory);
    }
}
