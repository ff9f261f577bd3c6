package org.socialmaturity.assessments.questionnaire;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;

/** Publish {@code questionnaire} as the new current version, with the mapping from the one current until now. */
public record PublishQuestionnaire(
        @TargetAggregateIdentifier String catalogueId,
        Questionnaire questionnaire,
        QuestionnaireMapping mapping,
        Instant publishedAt) {

    public PublishQuestionnaire(Questionnaire questionnaire, QuestionnaireMapping mapping, Instant publishedAt) {
        this(QuestionnairePublished.CATALOGUE_ID, questionnaire, mapping, publishedAt);
    }
}
