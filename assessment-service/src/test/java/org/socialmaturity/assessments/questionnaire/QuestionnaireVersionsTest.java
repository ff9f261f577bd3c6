package org.socialmaturity.assessments.questionnaire;

import java.util.List;

import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublication;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;
import org.socialmaturity.contracts.rules.BrokenRule;

class QuestionnaireVersionsTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private static final QuestionnairePublication V2 = QuestionnairePublication.exampleV2();

    private final AggregateTestFixture<QuestionnaireVersions> fixture =
            new AggregateTestFixture<>(QuestionnaireVersions.class);

    @Test
    void aValidVersionIsPublishedAsAnEvent() {
        fixture.givenNoPriorActivity()
                .when(new PublishQuestionnaire(V2.questionnaire(), V2.mapping(), T))
                .expectEvents(new QuestionnairePublished(V2.questionnaire(), V2.mapping(), T));
    }

    @Test
    void aVersionPublishedAlreadyOrMappedFromAnotherIsRefused() {
        fixture.given(new QuestionnairePublished(V2.questionnaire(), V2.mapping(), T))
                .when(new PublishQuestionnaire(V2.questionnaire(), null, T.plusSeconds(1)))
                .expectException(QuestionnaireRefused.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new PublishQuestionnaire(V2.questionnaire(), new QuestionnaireMapping("v2", true, null), T))
                .expectException(QuestionnaireRefused.class)
                .expectException(Matchers.matches(e -> e instanceof QuestionnaireRefused refused
                        && refused.brokenRules().equals(List.of(new BrokenRule("mapping",
                        "mapping.from must be v1, the current version")))));
    }

}
