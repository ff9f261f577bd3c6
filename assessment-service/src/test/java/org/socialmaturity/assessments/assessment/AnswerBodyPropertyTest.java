package org.socialmaturity.assessments.assessment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.socialmaturity.assessments.HostileJson;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.rules.BrokenRule;
import org.socialmaturity.contracts.rules.InvalidInput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body a partner sends as an answer, to whichever question, it is levelled 1-4 or refused with a 400
 * problem naming fields (unreadable JSON is a {@link JsonProcessingException}, which the services answer 400); never
 * another exception, which would be a 500. The path is the one a {@code PUT .../answers/{q}} takes: parse, the
 * question's rules, its level.
 */
class AnswerBodyPropertyTest {

    private static final List<Question> QUESTIONS = QuestionnaireCatalogue.load().version("v1").orElseThrow().questions();

    @Property(tries = 3000)
    void anAnswerToAnyQuestionIsLevelledOrRefusedWithAProblem(@ForAll("answers") String body) {
        JsonNode tree;
        try {
            tree = HostileJson.MAPPER.readTree(body);
        } catch (JsonProcessingException unreadable) {
            return;
        }
        RawAnswer answer;
        try {
            answer = AnswerRequest.parse(tree).answer();
        } catch (InvalidInput problem) {
            assertRefused(problem, body);
            return;
        }
        for (Question question : QUESTIONS) {
            // The rules either find what is wrong (a 400 naming it) or the answer has a level: never an exception.
            List<BrokenRule> violations = AnswerRules.check(question, answer);
            if (violations.isEmpty()) {
                int level = question.levelOf(answer);
                assertTrue(level >= 1 && level <= 4, body + " -> " + question.id() + " level " + level);
            }
        }
    }

    private static void assertRefused(InvalidInput problem, String body) {
        assertFalse(problem.brokenRules().isEmpty(), body);
    }

    @Provide
    Arbitrary<String> answers() {
        return HostileJson.bodies("optionId", "value", "note");
    }
}
