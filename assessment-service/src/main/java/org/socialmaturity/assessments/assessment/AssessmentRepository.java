package org.socialmaturity.assessments.assessment;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.AxonRuntime;

/** Reads a partner's assessment from its events: every accepted answer is in it. */
@ApplicationScoped
public class AssessmentRepository {

    private final AxonRuntime axon;
    private final QuestionnaireCatalogue catalogue;

    AssessmentRepository(AxonRuntime axon, QuestionnaireCatalogue catalogue) {
        this.axon = axon;
        this.catalogue = catalogue;
    }

    public AssessmentState require(String partnerId, String assessmentId) {
        return axon.readAggregate(Assessment.class, assessmentId, a -> a.stateFor(partnerId, catalogue))
                .orElseThrow(() -> new UnknownAssessment(assessmentId));
    }
}
