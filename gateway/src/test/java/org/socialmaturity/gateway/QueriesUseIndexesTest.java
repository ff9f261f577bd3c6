package org.socialmaturity.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.QueryIndexCheck;

/**
 * Every query the gateway made in its tests is served by an index it created at startup, so that it stays
 * fast on a real MongoDB however much a collection holds. A plain test: JUnit runs it after the Quarkus tests.
 */
class QueriesUseIndexesTest {

    /** Queries that read a whole collection on purpose, as the check lists them, with why. */
    private static final Map<String, String> WHOLE_COLLECTION_READS = Map.of();

    @Test
    void everyQueryIsServedByAnIndexTheServiceCreates() throws Exception {
        QueryIndexCheck.assertServed("gateway", WHOLE_COLLECTION_READS);
    }
}
