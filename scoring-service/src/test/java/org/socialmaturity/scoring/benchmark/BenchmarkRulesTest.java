package org.socialmaturity.scoring.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.maturity.Quadrant;

class BenchmarkRulesTest {

    private static final Group RETAIL = new Group("Retail", "ES", SizeBand.MEDIUM);
    /** A partner with no company in the groups: nothing of its own to leave out. */
    private static final String VIEWER = "viewer";

    @Test
    void fiveCompaniesOfThreePartnersAreShownAndFourAreNot() {
        List<Peer> peers = new ArrayList<>(List.of(peer("a", "p1", 30), peer("b", "p1", 30), peer("c", "p2", 30),
                peer("d", "p3", 30)));

        Benchmark four = BenchmarkRules.benchmark(RETAIL, peers, Optional.empty(), VIEWER);
        peers.add(peer("e", "p3", 30));
        Benchmark five = BenchmarkRules.benchmark(RETAIL, peers, Optional.empty(), VIEWER);

        assertEquals(Benchmark.tooSmall(RETAIL), four, "nothing is said of a small group, not even its size");
        assertTrue(five.available());
        assertEquals(5, five.companies());
        assertEquals(3, five.partners());
    }

    @Test
    void fiveCompaniesOfTwoPartnersAreNotShown() {
        List<Peer> peers = List.of(peer("a", "p1", 30), peer("b", "p1", 30), peer("c", "p1", 30), peer("d", "p2", 30),
                peer("e", "p2", 30));

        assertFalse(BenchmarkRules.benchmark(RETAIL, peers, Optional.empty(), VIEWER).available());
    }

    @Test
    void aCompanyWeighingMoreThanAQuarterOfTheGroupsIndexHidesIt() {
        // 40 of 160 is exactly a quarter: shown; 41 of 161 is more: hidden.
        List<Peer> quarter = List.of(peer("a", "p1", 40), peer("b", "p1", 30), peer("c", "p2", 30),
                peer("d", "p3", 30), peer("e", "p3", 30));
        List<Peer> more = List.of(peer("a", "p1", 41), peer("b", "p1", 30), peer("c", "p2", 30),
                peer("d", "p3", 30), peer("e", "p3", 30));

        assertTrue(BenchmarkRules.benchmark(RETAIL, quarter, Optional.empty(), VIEWER).available());
        assertFalse(BenchmarkRules.benchmark(RETAIL, more, Optional.empty(), VIEWER).available());
    }

    @Test
    void thePercentileCountsTheCompaniesBelowAndHalfOfThoseAlike() {
        List<Peer> peers = List.of(peer("a", "p1", 20), peer("b", "p1", 30), peer("c", "p2", 30),
                peer("d", "p3", 35), peer("e", "p3", 40), peer("f", "p2", 25));

        // b: one below (a at 20), f at 25 below too, and c alike: (2 + 2 / 2) / 6 = 50.0
        assertEquals(50.0, BenchmarkRules.benchmark(RETAIL, peers, Optional.of("b"), VIEWER).percentile());
        // a: none below, itself alike: (0 + 1 / 2) / 6 = 8.3
        assertEquals(8.3, BenchmarkRules.benchmark(RETAIL, peers, Optional.of("a"), VIEWER).percentile());
        // e: five below: (5 + 1 / 2) / 6 = 91.7
        assertEquals(91.7, BenchmarkRules.benchmark(RETAIL, peers, Optional.of("e"), VIEWER).percentile());
        assertNull(BenchmarkRules.benchmark(RETAIL, peers, Optional.of("not-in-the-group"), VIEWER).percentile());
    }

    @Test
    void phasesAndQuadrantsAreCountedWithEveryValueNamed() {
        List<Peer> peers = List.of(peer("a", "p1", 20, 1, Quadrant.OBSERVERS), peer("b", "p1", 30, 2,
                        Quadrant.OBSERVERS), peer("c", "p2", 30, 2, Quadrant.CONTENDERS),
                peer("d", "p3", 35, 3, Quadrant.SOCIAL_FIRST), peer("e", "p3", 30, 2, Quadrant.OBSERVERS));

        Benchmark benchmark = BenchmarkRules.benchmark(RETAIL, peers, Optional.empty(), VIEWER);

        assertEquals(Map.of(1, 1, 2, 3, 3, 1, 4, 0), benchmark.phases());
        assertEquals(Map.of(Quadrant.OBSERVERS, 3, Quadrant.CONSERVATIVE, 0, Quadrant.CONTENDERS, 1,
                Quadrant.SOCIAL_FIRST, 1), benchmark.quadrants());
    }

    @Test
    void theGroupIsItsCellWithTheSectorComparedWithoutCase() {
        List<Peer> peers = List.of(peer("a", "p1", 30), peer("b", "p1", 30), peer("c", "p2", 30), peer("d", "p3", 30),
                new Peer("e", "p3", " RETAIL ", "ES", SizeBand.MEDIUM, 30, 2, Quadrant.OBSERVERS),
                new Peer("f", "p4", "retail", "PT", SizeBand.MEDIUM, 30, 2, Quadrant.OBSERVERS),
                new Peer("g", "p4", "retail", "ES", SizeBand.LARGE, 30, 2, Quadrant.OBSERVERS),
                new Peer("h", "p4", "airlines", "ES", SizeBand.MEDIUM, 30, 2, Quadrant.OBSERVERS));

        assertEquals(5, BenchmarkRules.benchmark(RETAIL, peers, Optional.empty(), VIEWER).companies());
    }

    @Test
    void theAskingPartnersOwnCompaniesDoNotCountTowardsTheThresholds() {
        // Six companies of four partners; p1 owns two: without them, four companies of three partners remain.
        List<Peer> peers = List.of(peer("a", "p1", 30), peer("b", "p1", 30), peer("c", "p2", 30), peer("d", "p3", 30),
                peer("e", "p4", 30), peer("f", "p4", 30));

        assertTrue(BenchmarkRules.benchmark(RETAIL, peers, Optional.empty(), VIEWER).available());
        assertTrue(BenchmarkRules.benchmark(RETAIL, peers, Optional.of("c"), "p2").available(),
                "p2 leaves out one: five of three partners remain");
        assertFalse(BenchmarkRules.benchmark(RETAIL, peers, Optional.of("a"), "p1").available());
        // The dominance rule too is applied to the others: p1's own large index does not hide the group from p1.
        List<Peer> withALargeOwn = List.of(peer("a", "p1", 90), peer("b", "p2", 30), peer("c", "p3", 30),
                peer("d", "p4", 30), peer("e", "p4", 30), peer("f", "p2", 30));
        assertTrue(BenchmarkRules.benchmark(RETAIL, withALargeOwn, Optional.of("a"), "p1").available());
        assertFalse(BenchmarkRules.benchmark(RETAIL, withALargeOwn, Optional.empty(), VIEWER).available());
    }

    @Test
    void sizeBandsAreTheEuropeanUnions() {
        assertEquals(SizeBand.MICRO, SizeBand.of(9));
        assertEquals(SizeBand.SMALL, SizeBand.of(10));
        assertEquals(SizeBand.SMALL, SizeBand.of(49));
        assertEquals(SizeBand.MEDIUM, SizeBand.of(50));
        assertEquals(SizeBand.MEDIUM, SizeBand.of(249));
        assertEquals(SizeBand.LARGE, SizeBand.of(250));
    }

    private static Peer peer(String company, String partner, double index) {
        return peer(company, partner, index, 2, Quadrant.OBSERVERS);
    }

    private static Peer peer(String company, String partner, double index, int phase, Quadrant quadrant) {
        return new Peer(company, partner, "retail", "ES", SizeBand.MEDIUM, index, phase, quadrant);
    }
}
