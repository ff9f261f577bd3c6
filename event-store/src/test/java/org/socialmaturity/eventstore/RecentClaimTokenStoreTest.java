package org.socialmaturity.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.junit.jupiter.api.Test;

class RecentClaimTokenStoreTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong();
    private final CountingStore store = new CountingStore();
    private final RecentClaimTokenStore tokens = new RecentClaimTokenStore(store, CLAIM_TIMEOUT, now::get);

    @Test
    void aClaimWrittenLessThanHalfTheTimeoutAgoIsNotExtendedAgain() {
        claimedAgo(Duration.ofSeconds(4));
        tokens.extendClaim("p", 0);
        assertEquals(0, store.extensions, "claimed 4 s ago");

        tokens.storeToken(new GlobalSequenceTrackingToken(3), "p", 0);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        tokens.extendClaim("p", 0);
        assertEquals(0, store.extensions, "the token stored 4 s ago wrote the claim");
    }

    @Test
    void anOlderClaimIsExtendedAndALostOneStillFails() {
        claimedAgo(Duration.ofSeconds(5));
        tokens.extendClaim("p", 0);
        assertEquals(1, store.extensions);

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        store.lost = true;
        assertThrows(UnableToClaimTokenException.class, () -> tokens.extendClaim("p", 0));
    }

    @Test
    void aReleasedClaimIsAlwaysCheckedAgain() {
        claimedAgo(Duration.ZERO);
        tokens.releaseClaim("p", 0);
        tokens.extendClaim("p", 0);
        assertEquals(1, store.extensions);
    }

    private void claimedAgo(Duration age) {
        tokens.initializeTokenSegments("p", 1);
        tokens.fetchToken("p", 0);
        now.addAndGet(age.toNanos());
    }

    /** Axon's in-memory store, counting extensions, whose claim can be lost to another node. */
    private static final class CountingStore extends InMemoryTokenStore {

        int extensions;
        boolean lost;

        @Override
        public void extendClaim(String processorName, int segment) {
            extensions++;
            if (lost) {
                throw new UnableToClaimTokenException("claimed by another node");
            }
        }
    }
}
