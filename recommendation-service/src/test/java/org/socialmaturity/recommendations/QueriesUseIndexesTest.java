package org.socialmaturity.recommendations;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.QueryIndexCheck;

/**
 * Every query the recommendation-service made in its tests is served by an index it created at startup, so that it stays
 * fast on a real MongoDB however much a collection holds. A plain test: JUnit runs it after the Quarkus tests.
 */
class QueriesUseIndexesTest {

    /** Queries that read a whole collection on purpose, as the check lists them, with why. */
    private static final Map<String, String> WHOLE_COLLECTION_READS = Map.of(
            "recommendation.advice_logs_g<n> {}", "the operator's comparison of two generations reads both whole",
            "recommendation.webhook_subscriptions {secret=$not}", "once per start, subscriptions stored before secrets "
                    + "were sealed (a partner holds at most 10)");

    @Test
    void everyQueryIsServedByAnIndexTheServiceCreates() throws Exception {
        QueryIndexCheck.assertServed("recommendation", WHOLE_COLLECTION_READS);
    }
}
