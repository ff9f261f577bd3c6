package org.socialmaturity.recommendations.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.recommendations.advice.AdviceRules.Advice;

class AdviceRulesTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    /** GOVERNANCE 3, ADOPTION 2.5, WORKING_GROUP 1, PROTOCOLS 2, TEAM 3.5, LISTENING 1.5, KPIS 2, SOCIAL_CRM 4. */
    private static Map<String, Double> scores() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("GOVERNANCE", 3.0);
        scores.put("ADOPTION", 2.5);
        scores.put("WORKING_GROUP", 1.0);
        scores.put("PROTOCOLS", 2.0);
        scores.put("TEAM", 3.5);
        scores.put("LISTENING", 1.5);
        scores.put("KPIS", 2.0);
        scores.put("SOCIAL_CRM", 4.0);
        return scores;
    }

    @Test
    void enteringAPhaseGivesItsPlaybookAndTheNextStepsOfTheThreeWeakestDimensions() {
        Advice advice = AdviceRules.forPhaseChange(phaseChanged(null, 2));
        assertEquals(new Trigger("PHASE_ENTERED", null, 2, null, null), advice.trigger());
        assertEquals(List.of("PHASE.2", "DIMENSION.WORKING_GROUP.L1", "DIMENSION.LISTENING.L1",
                "DIMENSION.PROTOCOLS.L2"), advice.itemCodes());
        assertEquals(List.of("WORKING_GROUP", "LISTENING", "PROTOCOLS"), advice.dimensions());
    }

    @Test
    void aDropRaisesTheAlertAndNamesEveryDimensionThatFell() {
        Advice advice = AdviceRules.forPhaseChange(phaseChanged(3, 2));
        assertEquals(new Trigger("PHASE_DROPPED", 3, 2, null, null), advice.trigger());
        assertEquals("ALERT.PHASE_DROPPED", advice.itemCodes().get(0));
        assertEquals(4, advice.itemCodes().size());
        assertEquals(List.of("WORKING_GROUP", "LISTENING", "PROTOCOLS", "KPIS", "ADOPTION"), advice.dimensions());
    }

    @Test
    void theTopPhaseStillPointsAtTheWeakestDimensions() {
        Advice advice = AdviceRules.forPhaseChange(phaseChanged(3, 4));
        assertEquals(List.of("PHASE.4", "DIMENSION.WORKING_GROUP.L1", "DIMENSION.LISTENING.L1",
                "DIMENSION.PROTOCOLS.L2"), advice.itemCodes());
    }

    @Test
    void aNewQuadrantGivesItsRecommendation() {
        Advice advice = AdviceRules.forQuadrantChange(new QuadrantChanged("c1", "p1", Quadrant.OBSERVERS,
                Quadrant.CONSERVATIVE, 55, 30, scores(), "e1", 7, T));
        assertEquals(new Trigger("QUADRANT_CHANGED", null, null, Quadrant.OBSERVERS, Quadrant.CONSERVATIVE), advice.trigger());
        assertEquals("QUADRANT.CONSERVATIVE", advice.itemCodes().get(0));
        assertEquals(4, advice.itemCodes().size());
    }

    private static MaturityPhaseChanged phaseChanged(Integer from, int to) {
        return new MaturityPhaseChanged("c1", "p1", from, to, Quadrant.OBSERVERS, 40, scores(), "e1", 7, T);
    }
}
