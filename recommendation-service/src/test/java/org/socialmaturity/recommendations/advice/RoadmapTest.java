package org.socialmaturity.recommendations.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.advice.RoadmapStatus;
import org.socialmaturity.recommendations.advice.AdviceLogView.Assignment;
import org.socialmaturity.recommendations.advice.AdviceLogView.Issued;

class RoadmapTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void eachItemOnceInTheOrderFirstIssuedWithItsLatestAssignment() {
        AdviceLogView log = new AdviceLogView();
        log.issued.add(new Issued("a1", T, Trigger.phaseChange(null, 2), List.of("PHASE.2", "DIMENSION.TEAM.L1"),
                List.of("TEAM"), "change-1"));
        log.issued.add(new Issued("a2", T.plusSeconds(1), Trigger.phaseChange(2, 1), List.of("ALERT.PHASE_DROPPED"),
                List.of("KPIS"), "change-2"));
        log.issued.add(new Issued("a3", T.plusSeconds(2), Trigger.phaseChange(1, 2), List.of("PHASE.2"),
                List.of("KPIS"), "change-3"));
        Assignment first = new Assignment("PHASE.2", "ana", null, RoadmapStatus.IN_PROGRESS, T, "maria");
        Assignment latest = new Assignment("PHASE.2", "luis", LocalDate.parse("2027-01-31"), RoadmapStatus.DONE,
                T.plusSeconds(5), "maria");
        log.assign(first);
        log.assign(latest);

        List<Roadmap.Item> items = Roadmap.of(log);

        assertEquals(List.of(
                new Roadmap.Item("PHASE.2", List.of("KPIS"), T, T.plusSeconds(2), List.of("a1", "a3"),
                        Optional.of(latest)),
                new Roadmap.Item("DIMENSION.TEAM.L1", List.of("TEAM"), T, T, List.of("a1"), Optional.empty()),
                new Roadmap.Item("ALERT.PHASE_DROPPED", List.of("KPIS"), T.plusSeconds(1), T.plusSeconds(1),
                        List.of("a2"), Optional.empty())), items);
        assertEquals(1, log.assignments.size(), "an item keeps its latest assignment only");
    }
}
