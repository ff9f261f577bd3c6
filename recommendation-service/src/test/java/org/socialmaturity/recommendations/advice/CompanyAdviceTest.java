package org.socialmaturity.recommendations.advice;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.advice.RoadmapItemUpdated;
import org.socialmaturity.contracts.advice.RoadmapStatus;

class CompanyAdviceTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Trigger ENTERED_2 = Trigger.phaseChange(null, 2);

    private final AggregateTestFixture<CompanyAdvice> fixture = new AggregateTestFixture<>(CompanyAdvice.class);

    @Test
    void aChangeIsAdvisedOnceWithAnIdDerivedFromIt() {
        fixture.givenNoPriorActivity()
                .when(issue("change-1", 40))
                .expectEvents(new AdviceIssued(adviceIdOf("change-1"), "c1", "p1", ENTERED_2, List.of("PHASE.2"),
                        List.of(), "change-1", 40, T));
    }

    @Test
    void theSameOrAnEarlierChangeIsNotAdvisedAgain() {
        AdviceIssued issued = new AdviceIssued("a1", "c1", "p1", ENTERED_2, List.of("PHASE.2"), List.of(), "change-1",
                40, T);
        fixture.given(issued).when(issue("change-1", 40)).expectNoEvents();
        fixture.given(issued).when(issue("change-0", 12)).expectNoEvents();
        fixture.given(issued).when(issue("change-2", 41))
                .expectEvents(new AdviceIssued(adviceIdOf("change-2"), "c1", "p1", ENTERED_2, List.of("PHASE.2"),
                        List.of(), "change-2", 41, T));
    }

    @Test
    void anIssuedItemIsAssignedWithTheCommandsTime() {
        fixture.given(new AdviceIssued("a1", "c1", "p1", ENTERED_2, List.of("PHASE.2", "DIMENSION.TEAM.L1"),
                        List.of("TEAM"), "change-1", 40, T))
                .when(new UpdateRoadmapItem(AdviceIssued.streamIdOf("c1"), "c1", "p1", "DIMENSION.TEAM.L1",
                        "sealed-owner", java.time.LocalDate.parse("2027-03-31"), RoadmapStatus.IN_PROGRESS,
                        T.plusSeconds(60)))
                .expectEvents(new RoadmapItemUpdated("c1", "p1", "DIMENSION.TEAM.L1", "sealed-owner",
                        java.time.LocalDate.parse("2027-03-31"), RoadmapStatus.IN_PROGRESS, T.plusSeconds(60)));
    }

    @Test
    void anItemNeverIssuedIsNotOnTheRoadmap() {
        fixture.given(new AdviceIssued("a1", "c1", "p1", ENTERED_2, List.of("PHASE.2"), List.of(), "change-1", 40, T))
                .when(new UpdateRoadmapItem(AdviceIssued.streamIdOf("c1"), "c1", "p1", "PHASE.3", null, null,
                        RoadmapStatus.OPEN, T))
                .expectException(UnknownRoadmapItem.class)
                .expectNoEvents();
    }

    /** The id the advice of a cause must have, derived from its cause (a name-based UUID), so that a replay issues nothing new. */
    private static String adviceIdOf(String cause) {
        return UUID.nameUUIDFromBytes(("advice/" + cause).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static IssueAdvice issue(String cause, long index) {
        return new IssueAdvice(AdviceIssued.streamIdOf("c1"), "c1", "p1", ENTERED_2, List.of("PHASE.2"), List.of(),
                cause, index, T);
    }
}
