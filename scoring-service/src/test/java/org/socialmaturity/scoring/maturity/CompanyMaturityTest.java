package org.socialmaturity.scoring.maturity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.maturity.TargetReached;

class CompanyMaturityTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ID = RecordMaturity.maturityIdOf("c1");

    private AggregateTestFixture<CompanyMaturity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CompanyMaturity.class);
    }

    @Test
    void theFirstDeterminateResultIsAChangeFromNoPhase() {
        fixture.givenNoPriorActivity()
                .when(record("e10", 10, 2, Quadrant.OBSERVERS))
                .expectEvents(
                        new MaturityPhaseChanged("c1", "p1", null, 2, Quadrant.OBSERVERS, 33.3, Map.of("TEAM", 2.0),
                                "e10", 10, T),
                        new QuadrantChanged("c1", "p1", null, Quadrant.OBSERVERS, 20, 40, Map.of("TEAM", 2.0), "e10", 10, T));
    }

    @Test
    void theSameCauseAgainDeclaresNothing() {
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10))
                .when(record("e10", 10, 2, Quadrant.OBSERVERS))
                .expectNoEvents();
        fixture.given(phaseChanged(null, 2, "e10", 10), phaseChanged(2, 3, "e20", 20))
                .when(record("e15", 15, 3, Quadrant.OBSERVERS))
                .expectNoEvents();
    }

    @Test
    void aLaterCauseThatKeepsPhaseAndQuadrantDeclaresNothing() {
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10))
                .when(record("e11", 11, 2, Quadrant.OBSERVERS))
                .expectNoEvents();
    }

    @Test
    void aDropAndAQuadrantChangeAreDeclaredOnce() {
        fixture.given(phaseChanged(null, 3, "e10", 10), quadrantChanged(null, Quadrant.SOCIAL_FIRST, "e10", 10))
                .when(record("e30", 30, 2, Quadrant.CONSERVATIVE))
                .expectEvents(
                        new MaturityPhaseChanged("c1", "p1", 3, 2, Quadrant.CONSERVATIVE, 33.3, Map.of("TEAM", 2.0),
                                "e30", 30, T),
                        new QuadrantChanged("c1", "p1", Quadrant.SOCIAL_FIRST, Quadrant.CONSERVATIVE, 20, 40,
                                Map.of("TEAM", 2.0), "e30", 30, T));
    }

    @Test
    void aTargetMetIsReachedOnceAndATargetNotMetIsNot() {
        TargetSet phaseTwoTeamTwo = target("t1", 2, Map.of("TEAM", 2));
        TargetSet teamThree = target("t2", 2, Map.of("TEAM", 3));
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10))
                .when(record("e11", 11, 2, Quadrant.OBSERVERS, phaseTwoTeamTwo))
                .expectEvents(new TargetReached("c1", "p1", "t1", 2, 2, 33.3, "e11", 11, T));
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10),
                        new TargetReached("c1", "p1", "t1", 2, 2, 33.3, "e11", 11, T))
                .when(record("e12", 12, 2, Quadrant.OBSERVERS, phaseTwoTeamTwo))
                .expectNoEvents();
        // The decisions processor handles the answer again after a crash before its token was saved: nothing twice.
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10),
                        new TargetReached("c1", "p1", "t1", 2, 2, 33.3, "e11", 11, T))
                .when(record("e11", 11, 2, Quadrant.OBSERVERS, phaseTwoTeamTwo))
                .expectNoEvents();
        // t1 reached, then t2 reached, then t1 set again: reached once only.
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10),
                        new TargetReached("c1", "p1", "t1", 2, 2, 33.3, "e11", 11, T),
                        new TargetReached("c1", "p1", "t0", 1, 2, 33.3, "e12", 12, T))
                .when(record("e13", 13, 2, Quadrant.OBSERVERS, phaseTwoTeamTwo))
                .expectNoEvents();
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10))
                .when(record("e12", 12, 2, Quadrant.OBSERVERS, teamThree))
                .expectNoEvents();
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10))
                .when(record("e12", 12, 2, Quadrant.OBSERVERS, target("t3", 3, Map.of())))
                .expectNoEvents();
    }

    @Test
    void theAnswerThatRaisesThePhaseReachesTheTargetWithTheChange() {
        fixture.given(phaseChanged(null, 2, "e10", 10), quadrantChanged(null, Quadrant.OBSERVERS, "e10", 10))
                .when(record("e20", 20, 3, Quadrant.OBSERVERS, target("t3", 3, Map.of())))
                .expectEvents(new MaturityPhaseChanged("c1", "p1", 2, 3, Quadrant.OBSERVERS, 33.3, Map.of("TEAM", 2.0),
                                "e20", 20, T),
                        new TargetReached("c1", "p1", "t3", 3, 3, 33.3, "e20", 20, T));
    }

    private static RecordMaturity record(String cause, long index, int phase, Quadrant quadrant) {
        return record(cause, index, phase, quadrant, null);
    }

    private static RecordMaturity record(String cause, long index, int phase, Quadrant quadrant, TargetSet target) {
        return new RecordMaturity(ID, "c1", "p1", cause, index, phase, quadrant, 33.3, 20, 40, Map.of("TEAM", 2.0), T,
                target);
    }

    private static TargetSet target(String id, int phase, Map<String, Integer> levels) {
        return new TargetSet("c1", "p1", id, phase, levels, LocalDate.parse("2027-06-30"), T);
    }

    private static MaturityPhaseChanged phaseChanged(Integer from, int to, String cause, long index) {
        return new MaturityPhaseChanged("c1", "p1", from, to, Quadrant.OBSERVERS, 33.3, Map.of(), cause, index, T);
    }

    private static QuadrantChanged quadrantChanged(Quadrant from, Quadrant to, String cause, long index) {
        return new QuadrantChanged("c1", "p1", from, to, 20, 40, Map.of(), cause, index, T);
    }
}
