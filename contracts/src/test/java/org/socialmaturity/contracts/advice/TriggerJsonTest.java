package org.socialmaturity.contracts.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.maturity.Quadrant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Triggers stored before phases were numbers read as today's; today's round-trip unchanged. */
class TriggerJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
    void todaysShapeRoundTrips() throws Exception {
        AdviceIssued today = new AdviceIssued("a", "c", "p", Trigger.phaseChange(2, 3), List.of("PHASE.3"),
                List.of(), "e", 4, Instant.parse("2026-11-27T00:00:00Z"));
        String written = JSON.writeValueAsString(today);

        assertEquals(today, JSON.readValue(written, AdviceIssued.class));
        assertEquals("{\"type\":\"PHASE_ENTERED\",\"fromPhase\":2,\"toPhase\":3,\"fromQuadrant\":null,"
                + "\"toQuadrant\":null}", JSON.writeValueAsString(today.trigger()));
        assertEquals(Trigger.quadrantChange(null, Quadrant.CONTENDERS), JSON.readValue(
                JSON.writeValueAsString(Trigger.quadrantChange(null, Quadrant.CONTENDERS)), Trigger.class));
    }

    private static Trigger read(String trigger) throws Exception {
        return JSON.readValue("""
                {"adviceId": "a", "companyId": "c", "partnerId": "p", "trigger": %s, "itemCodes": [],
                 "dimensions": [], "causeEventId": "e", "causeIndex": 1, "issuedAt": "2026-11-20T10:00:00Z"}"""
                .formatted(trigger), AdviceIssued.class).trigger();
    }
}
