package org.socialmaturity.contracts.questionnaire;

import java.time.Instant;

/**
 * The operator published a questionnaire version, which becomes the current one (new assessments pin it). Versions
 * are never edited: a change is a new version. {@code mapping} (null when there is none) carries answers of the
 * version current until then into this one.
 */
public record QuestionnairePublished(Questionnaire questionnaire, QuestionnaireMapping mapping, Instant publishedAt) {

    /** The one aggregate every version is published on, in order. */
    public static final String CATALOGUE_ID = "questionnaire-catalogue";
}
