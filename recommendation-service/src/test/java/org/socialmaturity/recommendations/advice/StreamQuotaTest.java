package org.socialmaturity.recommendations.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.socialmaturity.http.ApiProblem;

class StreamQuotaTest {

    private final StreamQuota quota = new StreamQuota(new StreamQuota.Limits() {
        @Override
        public int perPartner() {
            return 2;
        }

        @Override
        public int perReplica() {
            return 3;
        }
    });

    @Test
    void aPartnerPastItsStreamsGets429AndAReplicaPastItsOwn503AndClosedStreamsMakeRoom() {
        quota.open("a");
        quota.open("a");
        assertEquals(429, assertThrows(ApiProblem.class, () -> quota.open("a")).status());
        quota.open("b");
        assertEquals(503, assertThrows(ApiProblem.class, () -> quota.open("c")).status(),
                "the replica holds all it may");
        quota.close("a");
        quota.open("c");
        // The refused openings counted nothing: "b" may open its second stream once one closes.
        quota.close("c");
        quota.open("b");
        assertEquals(429, assertThrows(ApiProblem.class, () -> quota.open("b")).status());
    }
}
