package org.socialmaturity.contracts.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping.QuestionMapping;

class QuestionnairePublicationTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    private final QuestionnaireCatalogue catalogue = QuestionnaireCatalogue.load();
    private final QuestionnairePublication v2 = QuestionnairePublication.exampleV2();

    @Test
    void theShippedV2CanBePublishedAfterV1AndBecomesCurrent() {
        assertEquals(List.of(), catalogue.problemsOfPublishing(v2.questionnaire(), v2.mapping()));
        QuestionnaireCatalogue published = catalogue.with(new QuestionnairePublished(v2.questionnaire(), v2.mapping(), T));
        assertEquals("v2", published.current().version());
        assertEquals(List.of("v1", "v2"), published.versions());
        assertEquals("v1", published.mappingInto("v2").orElseThrow().from());
        assertEquals(1, published.published());
        assertEquals("v1", catalogue.current().version(), "a catalogue is never changed in place");
    }

    @Test
    void aVersionIsPublishedOnceAndKeepsTheDimensions() {
        QuestionnaireCatalogue published = catalogue.with(new QuestionnairePublished(v2.questionnaire(), v2.mapping(), T));
        assertTrue(published.problemsOfPublishing(v2.questionnaire(), null)
                .contains("version v2 is published already: a change is a new version"));
        Questionnaire renamed = new Questionnaire("2.0", v2.questionnaire().phaseShare(),
                v2.questionnaire().quadrantThreshold(), v2.questionnaire().phases(),
                v2.questionnaire().dimensions().subList(1, 10), v2.questionnaire().questions());
        List<String> problems = catalogue.problemsOfPublishing(renamed, null);
        assertTrue(problems.contains("version must be v followed by a number, such as v2"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("dimensions must stay")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("names unknown dimension GOVERNANCE")),
                "the questionnaire's own rules apply too: " + problems);
    }

    @Test
    void everyMappingEntryNamesRealQuestionsAndOptionsOfCompatibleTypes() {
        QuestionnaireMapping mapping = new QuestionnaireMapping("v1", false, List.of(
                new QuestionMapping("no-such-question", "governance-owner", null),
                new QuestionMapping("governance-owner", "team-dedicated-staff", null),
                new QuestionMapping("working-group", "working-group", Map.of("none", "nobody")),
                new QuestionMapping("adoption-executives", "adoption-executives", null),
                new QuestionMapping("adoption-executives", "adoption-executives", null)));
        assertEquals(List.of(
                "mapping no-such-question -> governance-owner: no-such-question is not a question of v1",
                "mapping governance-owner -> team-dedicated-staff maps a CHOICE question to a NUMBER one",
                "mapping working-group -> working-group: nobody is not an option of working-group",
                "mapping adoption-executives -> adoption-executives is named twice"),
                catalogue.problemsOfPublishing(v2.questionnaire(), mapping));
        assertEquals(List.of("mapping.from must be v1, the current version"), catalogue.problemsOfPublishing(
                v2.questionnaire(), new QuestionnaireMapping("v0", true, List.of())));
    }

    @Test
    void aCatalogueOverTheStoreLooksForPublicationsWhenAskedForAVersionItDoesNotKnow() {
        List<QuestionnairePublished> store = new ArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        QuestionnaireCatalogue live = QuestionnaireCatalogue.over(known -> {
            reads.incrementAndGet();
            return store.subList((int) known, store.size()).stream().toList();
        }, java.time.Duration.ofDays(1));
        assertEquals("v1", live.current().version());
        store.add(new QuestionnairePublished(v2.questionnaire(), v2.mapping(), T));
        assertEquals("v1", live.current().version(), "not looked for again within its freshness");
        assertEquals("v2", live.version("v2").orElseThrow().version(), "a version it does not know: looked for now");
        assertEquals("v2", live.current().version());
        int before = reads.get();
        assertTrue(live.version("v9").isEmpty());
        assertEquals(before + 1, reads.get(), "a version name it does not know: looked for");
        assertTrue(live.version("../v1").isEmpty());
        assertEquals(before + 1, reads.get(), "no read for a name that is no version");
    }

    @Test
    void aVersionMissingIdsOrABandsStartIsRefusedForThatBeforeAnyOtherRule() {
        Questionnaire q = v2.questionnaire();
        List<Question> questions = new ArrayList<>(q.questions());
        Question staff = q.question("team-dedicated-staff").orElseThrow();
        questions.set(questions.indexOf(staff), new Question(staff.id(), staff.dimension(), staff.type(),
                staff.required(), staff.optionalInScope(), staff.text(), staff.help(), staff.options(), staff.unit(),
                staff.min(), staff.max(), List.of(new Band(null, null, 1))));
        Question noId = new Question(null, "TEAM", QuestionType.CHOICE, false, false, staff.text(), staff.help(),
                List.of(), null, null, null, List.of());
        questions.add(noId);
        assertEquals(List.of("question team-dedicated-staff: every band needs a from",
                        "every question needs an id and a dimension"),
                catalogue.problemsOfPublishing(new Questionnaire("v2", q.phaseShare(), q.quadrantThreshold(),
                        q.phases(), q.dimensions(), questions), new QuestionnaireMapping("v1", true, List.of(
                        new QuestionMapping(null, "x", null)))).subList(0, 2));
    }

    @Test
    void aStoreThatCannotBeReadLeavesTheVersionsKnown() {
        QuestionnaireCatalogue live = QuestionnaireCatalogue.over(known -> {
            throw new IllegalStateException("MongoDB away");
        }, java.time.Duration.ZERO);
        assertEquals("v1", live.current().version());
        assertEquals(List.of("v1"), live.versions());
    }

}
