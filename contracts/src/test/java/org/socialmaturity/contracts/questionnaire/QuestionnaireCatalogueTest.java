package org.socialmaturity.contracts.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.RawAnswer;

class QuestionnaireCatalogueTest {

    private final QuestionnaireCatalogue catalogue = QuestionnaireCatalogue.load();
    private final Questionnaire v1 = catalogue.version("v1").orElseThrow();

    @Test
    void currentVersionIsV1AndPassesEveryRule() {
        assertEquals("v1", catalogue.current().version());
        assertEquals(List.of(), QuestionnaireRules.check(v1));
    }

    @Test
    void v1HasTheModelOfTheDesign() {
        assertEquals(0.75, v1.phaseShare());
        assertEquals(50, v1.quadrantThreshold());
        assertEquals(Set.of("GOVERNANCE", "ADOPTION", "WORKING_GROUP", "PROTOCOLS", "TEAM", "CHANNELS", "LISTENING",
                        "KPIS", "RESPONSIVENESS", "SOCIAL_CRM"),
                new HashSet<>(v1.dimensions().stream().map(Dimension::id).toList()));
        v1.dimensions().forEach(d -> assertEquals(1.0, d.weight(), d.id()));
        assertTrue(v1.questions().size() >= 14);
        assertTrue(v1.questions().stream().filter(q -> q.type() == QuestionType.NUMBER).count() >= 3);
        assertEquals("Prueba de concepto", v1.phase(1).orElseThrow().name().in(Language.ES));
    }

    @Test
    void everyQuestionReachesLevelOneAndFourThroughItsOwnAnswers() {
        for (Question q : v1.questions()) {
            Set<Integer> levels = new HashSet<>();
            if (q.type() == QuestionType.CHOICE) {
                q.options().forEach(o -> levels.add(q.levelOf(RawAnswer.choice(o.id()))));
            } else {
                levels.add(q.levelOf(RawAnswer.number(q.min())));
                levels.add(q.levelOf(RawAnswer.number(q.max())));
                q.bands().forEach(b -> levels.add(q.levelOf(RawAnswer.number(b.from()))));
            }
            assertTrue(levels.containsAll(Set.of(1, 4)), q.id() + " reaches " + levels);
        }
    }

    @Test
    void bandsStartInclusiveAndEndExclusive() {
        Question share = v1.question("responsiveness-share-answered").orElseThrow();
        assertEquals(1, share.levelOf(RawAnswer.number(new BigDecimal("59.99"))));
        assertEquals(2, share.levelOf(RawAnswer.number(new BigDecimal("60"))));
        assertEquals(4, share.levelOf(RawAnswer.number(new BigDecimal("100"))));
    }

    @Test
    void rulesCatchBrokenQuestionnaires() {
        Question good = v1.question("team-dedicated-staff").orElseThrow();
        List<Band> gap = List.of(new Band(BigDecimal.ZERO, BigDecimal.ONE, 1), new Band(new BigDecimal("2"), null, 4));
        List<Band> overlap = List.of(new Band(BigDecimal.ZERO, new BigDecimal("3"), 1), new Band(BigDecimal.ONE, null, 4));
        List<Band> notFromMin = List.of(new Band(BigDecimal.ONE, null, 1));
        List<Question> questions = new ArrayList<>(v1.questions());
        questions.add(withBands(good, "gap", gap));
        questions.add(withBands(good, "overlap", overlap));
        questions.add(withBands(good, "not-from-min", notFromMin));
        questions.add(v1.questions().get(0));
        Question onlyLowLevels = v1.question("governance-owner").orElseThrow();
        questions.add(new Question("low", onlyLowLevels.dimension(), QuestionType.CHOICE, true, false, onlyLowLevels.text(),
                onlyLowLevels.help(), List.of(new Option("a", 1, onlyLowLevels.text()), new Option("a", 2,
                new Text("only English", null))), null, null, null, null));
        List<Dimension> dimensions = new ArrayList<>(v1.dimensions());
        dimensions.add(new Dimension("UNASKED", Axis.INNOVATION, 1, v1.dimensions().get(0).name(),
                v1.dimensions().get(0).description(), "000"));

        List<String> problems = QuestionnaireRules.check(new Questionnaire("broken", 0.75, 50, v1.phases(),
                dimensions, questions));

        assertEquals(List.of(
                "question id governance-owner is not unique",
                "question gap bands are not contiguous at 1 / 2",
                "question overlap bands are not contiguous at 3 / 1",
                "question not-from-min first band must start at min 0",
                "question not-from-min cannot reach both level 1 and level 4",
                "question low option id a is not unique",
                "question low option a text needs English and Spanish text",
                "question low cannot reach both level 1 and level 4",
                "dimension UNASKED has no question"), problems);
    }

    private static Question withBands(Question q, String id, List<Band> bands) {
        return new Question(id, q.dimension(), q.type(), q.required(), q.optionalInScope(), q.text(), q.help(), q.options(), q.unit(),
                q.min(), q.max(), bands);
    }
}
