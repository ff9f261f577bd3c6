package org.socialmaturity.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstUpToTheCapacityThenTheRefillRate() {
        TokenBuckets buckets = new TokenBuckets(3, 2);
        for (int i = 0; i < 3; i++) {
            assertTrue(buckets.take("k", 0).allowed());
        }
        var refused = buckets.take("k", 0);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertTrue(buckets.take("k", SECOND / 2).allowed(), "half a second at 2/s refills one token");
        assertFalse(buckets.take("k", SECOND / 2).allowed());
        assertTrue(buckets.take("other", SECOND / 2).allowed(), "keys do not share a bucket");
    }

    @Test
    void anIdleBucketRefillsOnlyToItsCapacity() {
        TokenBuckets buckets = new TokenBuckets(2, 1);
        buckets.take("k", 0);
        int allowed = 0;
        for (int i = 0; i < 5; i++) {
            allowed += buckets.take("k", 3600 * SECOND).allowed() ? 1 : 0;
        }
        assertEquals(2, allowed);
    }

    @Test
    void aSlowRefillTellsTheWholeWait() {
        TokenBuckets buckets = new TokenBuckets(1, 0.25);
        buckets.take("k", 0);
        assertEquals(4, buckets.take("k", 0).retryAfterSeconds());
    }
}
