package org.socialmaturity.scoring;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.QueryIndexCheck;

/**
 * Every query the scoring-service made in its tests is served by an index it created at startup, so that it stays
 * fast on a real MongoDB however much a collection holds. A plain test: JUnit runs it after the Quarkus tests.
 */
class QueriesUseIndexesTest {

    /** Queries that read a whole collection on purpose, as the check lists them, with why. */
    private static final Map<String, String> WHOLE_COLLECTION_READS = Map.of(
            "scoring.timelines_g<n> {}", "the operator's comparison of two generations reads both whole; benchmarks "
                    + "read every company's timeline document once per refresh (platform.benchmarks.refresh)",
            "scoring.timeline_pages_g<n> {}", "the operator's comparison of two generations reads both whole");

    @Test
    void everyQueryIsServedByAnIndexTheServiceCreates() throws Exception {
        QueryIndexCheck.assertServed("scoring", WHOLE_COLLECTION_READS);
    }
}
