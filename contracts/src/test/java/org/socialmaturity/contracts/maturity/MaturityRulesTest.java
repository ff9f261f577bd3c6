package org.socialmaturity.contracts.maturity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Axis;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Dimension;
import org.socialmaturity.contracts.questionnaire.Option;
import org.socialmaturity.contracts.questionnaire.Phase;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.Text;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;

/**
 * The rules table. A small questionnaire: four dimensions of weight 1, two per axis (I1, I2 investment; N1, N2
 * innovation), one CHOICE question each (q-I1 ...), plus a second question in I1 (q-I1b, optional) and a NUMBER
 * question in N2 (n-N2, required, bands [0,10) 1, [10,20) 2, [20,30) 3, [30,-) 4).
 * Levels are written "q-I1=3 q-I1b=1 ..."; a missing question is unanswered.
 */
class MaturityRulesTest {

    private static final Text T = new Text("t", "t");
    private static final Questionnaire Q = new Questionnaire("test", 0.75, 50,
            List.of(new Phase(1, T, T), new Phase(2, T, T), new Phase(3, T, T), new Phase(4, T, T)),
            List.of(dimension("I1", Axis.INVESTMENT), dimension("I2", Axis.INVESTMENT),
                    dimension("N1", Axis.INNOVATION), dimension("N2", Axis.INNOVATION)),
            List.of(choice("q-I1", "I1", true), choice("q-I1b", "I1", false), choice("q-I2", "I2", true),
                    choice("q-N1", "N1", true), new Question("n-N2", "N2", QuestionType.NUMBER, true, false, T, T, null, T,
                            BigDecimal.ZERO, new BigDecimal("100"), List.of(band(0, 10, 1), band(10, 20, 2),
                            band(20, 30, 3), new Band(new BigDecimal("30"), null, 4)))));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                  | levels                                    | det.  | phase | index | invest. | innov. | quadrant     | holding back
            "all at level 1                          | q-I1=1 q-I2=1 q-N1=1 n-N2=1               | true  | 1 | 0.0   | 0.0   | 0.0   | OBSERVERS    | I1 I2 N1 N2",
            "all at level 4                          | q-I1=4 q-I2=4 q-N1=4 n-N2=4               | true  | 4 | 100.0 | 100.0 | 100.0 | SOCIAL_FIRST |",
            "share exactly 75% reaches the phase     | q-I1=3 q-I2=3 q-N1=3 n-N2=1               | true  | 3 | 50.0  | 66.67 | 33.33 | CONSERVATIVE | I1 I2 N1 N2",
            "share 50% does not                      | q-I1=3 q-I2=3 q-N1=2 n-N2=2               | true  | 2 | 50.0  | 66.67 | 33.33 | CONSERVATIVE | N1 N2",
            "investment exactly 50 is high           | q-I1=2 q-I2=3 q-N1=1 n-N2=1               | true  | 1 | 25.0  | 50.0  | 0.0   | CONSERVATIVE | N1 N2",
            "innovation exactly 50 is high           | q-I1=1 q-I2=1 q-N1=2 n-N2=3               | true  | 1 | 25.0  | 0.0   | 50.0  | CONTENDERS   | I1 I2",
            "several questions in one dimension mean | q-I1=4 q-I1b=2 q-I2=3 q-N1=3 n-N2=3       | true  | 3 | 66.67 | 66.67 | 66.67 | SOCIAL_FIRST | I1 I2 N1 N2",
            "high innovation, low investment         | q-I1=1 q-I2=2 q-N1=4 n-N2=3               | true  | 2 | 50.0  | 16.67 | 83.33 | CONTENDERS   | I1 I2",
            "an unanswered required question         | q-I1=4 q-I2=4 q-N1=4                      | false | 4 | 100.0 | 100.0 | 100.0 | SOCIAL_FIRST |",
            "an optional question may stay open      | q-I1=2 q-I2=2 q-N1=2 n-N2=2               | true  | 2 | 33.33 | 33.33 | 33.33 | OBSERVERS    | I1 I2 N1 N2",
            "nothing answered                        |                                           | false | 1 | 0.0   | 0.0   | 0.0   | OBSERVERS    | I1 I2 N1 N2",
    })
    void scores(String description, String levels, boolean determinate, int phase, double index, double investment,
                double innovation, Quadrant quadrant, String holdingBack) {
        Maturity maturity = MaturityRules.score(Q, parse(levels));

        assertEquals(determinate, maturity.determinate(), "determinate");
        assertEquals(phase, maturity.phase(), "phase");
        assertEquals(index, maturity.index(), 0.01, "index");
        assertEquals(investment, maturity.investment(), 0.01, "investment");
        assertEquals(innovation, maturity.innovation(), 0.01, "innovation");
        assertEquals(quadrant, maturity.quadrant(), "quadrant");
        assertEquals(holdingBack == null ? List.of() : List.of(holdingBack.split(" ")), maturity.holdingBack(),
                "holding back");
    }

    @ParameterizedTest(name = "{0} -> level {1}")
    @CsvSource({"0, 1", "9.99, 1", "10, 2", "19.999, 2", "20, 3", "30, 4", "100, 4"})
    void bandEdgesAreFromInclusiveToExclusive(String value, int level) {
        assertEquals(level, Q.question("n-N2").orElseThrow().levelOf(RawAnswer.number(new BigDecimal(value))));
    }

    private static Map<String, Integer> parse(String levels) {
        Map<String, Integer> parsed = new HashMap<>();
        if (levels != null) {
            for (String pair : levels.trim().split("\\s+")) {
                String[] kv = pair.split("=");
                parsed.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return parsed;
    }

    private static Dimension dimension(String id, Axis axis) {
        return new Dimension(id, axis, 1, T, T, "test");
    }

    private static Question choice(String id, String dimension, boolean required) {
        return new Question(id, dimension, QuestionType.CHOICE, required, false, T, T, List.of(new Option("1", 1, T),
                new Option("2", 2, T), new Option("3", 3, T), new Option("4", 4, T)), null, null, null, null);
    }

    private static Band band(int from, int to, int level) {
        return new Band(new BigDecimal(from), new BigDecimal(to), level);
    }
}
