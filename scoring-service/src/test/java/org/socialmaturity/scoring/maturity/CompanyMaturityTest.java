package org.socialmaturity.scoring.maturity;

import java.time.Instant;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.maturity.QuadrantChanged;

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
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.matches(e -> e instanceof MaturityPhaseChanged c && c.fromPhase() == 3
                                && c.toPhase() == 2 && c.causeEventId().equals("e30")),
                        Matchers.matches(e -> e instanceof QuadrantChanged q && q.fromQuadrant() == Quadrant.SOCIAL_FIRST
                                && q.toQuadrant() == Quadrant.CONSERVATIVE),
                        Matchers.andNoMore())));
    }

    private static RecordMaturity record(String cause, long index, int phase, Quadrant quadrant) {
        return new RecordMaturity(ID, "c1", "p1", cause, index, phase, quadrant, 33.3, 20, 40, Map.of("TEAM", 2.0), T);
    }

    private static MaturityPhaseChanged phaseChanged(Integer from, int to, String cause, long index) {
        return new MaturityPhaseChanged("c1", "p1", from, to, Quadrant.OBSERVERS, 33.3, Map.of(), cause, index, T);
    }

    private static QuadrantChanged quadrantChanged(Quadrant from, Quadrant to, String cause, long index) {
        return new QuadrantChanged("c1", "p1", from, to, 20, 40, Map.of(), cause, index, T);
    }
}
