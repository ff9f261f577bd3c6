package org.socialmaturity.eventstore.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

/**
 * Closes an empty index that readers keep finding with commits after it. Commits tile the global sequence, so such
 * an index is either a read that caught a later insert but not an earlier one (it is there at the next read), or the
 * indexes of a commit that was lost before it was durable and that a writer appended after without closing the hole
 * (it died in between). Filling it with a void is always safe: an insert is what claims an index, so a commit that
 * exists makes the void's insert fail, and a writer about to insert there finds it taken and moves on. The wait only
 * spares the store a void for every transient miss; it is no correctness parameter.
 */
final class Holes {

    private static final Logger LOG = Logger.getLogger(Holes.class);

    private final EventStoreCollections store;
    private final Clock clock;
    private final Duration patience;
    private long suspected = -1;
    private Instant suspectedSince;

    Holes(EventStoreCollections store, Clock clock, Duration patience) {
        this.store = store;
        this.clock = clock;
        this.patience = patience;
    }

    /** A reader found {@code index} empty and a commit at {@code next}: fill {@code [index, next)} once it stays so. */
    synchronized void seen(long index, long next) {
        Instant now = clock.instant();
        if (index != suspected) {
            suspected = index;
            suspectedSince = now;
            return;
        }
        if (Duration.between(suspectedSince, now).compareTo(patience) < 0) {
            return;
        }
        suspected = -1;
        LOG.warnf("Global indexes [%d, %d] stayed empty with commits after them: a commit lost before it was durable; "
                + "filling them with a void", index, next - 1);
        store.insertVoid(index, next - 1, now);
    }
}
