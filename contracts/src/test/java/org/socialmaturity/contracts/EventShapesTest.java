package org.socialmaturity.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.maturity.Quadrant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class EventShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String ADVICE = AdviceIssued.class.getName();

    @Test
    void aPhaseTriggerStoredAsTextReadsWithNumbers() throws Exception {
        assertEquals(new Trigger("PHASE_DROPPED", 3, 2, null, null), read("""
                {"type": "PHASE_DROPPED", "from": "3", "to": "2"}"""));
        assertEquals(new Trigger("PHASE_ENTERED", null, 1, null, null), read("""
                {"type": "PHASE_ENTERED", "from": null, "to": "1"}"""));
    }

    @Test
    void aQuadrantTriggerStoredAsTextReadsWithNames() throws Exception {
        assertEquals(new Trigger("QUADRANT_CHANGED", null, null, Quadrant.OBSERVERS, Quadrant.SOCIAL_FIRST), read("""
                {"type": "QUADRANT_CHANGED", "from": "OBSERVERS", "to": "SOCIAL_FIRST"}"""));
    }

    @Test
    void aTriggerInTodaysShapeIsLeftAlone() throws Exception {
        AdviceIssued today = new AdviceIssued("a", "c", "p", Trigger.phaseChange(2, 3), List.of("PHASE.3"),
                List.of(), "e", 4, Instant.parse("2026-11-27T00:00:00Z"));
        ObjectNode stored = JSON.valueToTree(today);

        assertEquals(today, JSON.treeToValue(EventShapes.upgrade(ADVICE, stored.deepCopy()), AdviceIssued.class));
        assertEquals(stored, EventShapes.upgrade(ADVICE, stored.deepCopy()));
        assertTrue(EventShapes.mayBeOld(ADVICE));
        assertFalse(EventShapes.mayBeOld("org.socialmaturity.contracts.assessment.AnswerRecorded"));
    }

    private static Trigger read(String trigger) throws Exception {
        ObjectNode stored = (ObjectNode) JSON.readTree("""
                {"adviceId": "a", "companyId": "c", "partnerId": "p", "trigger": %s, "itemCodes": [],
                 "dimensions": [], "causeEventId": "e", "causeIndex": 1, "issuedAt": "2026-11-20T10:00:00Z"}"""
                .formatted(trigger));
        return JSON.treeToValue(EventShapes.upgrade(ADVICE, stored), AdviceIssued.class).trigger();
    }
}
