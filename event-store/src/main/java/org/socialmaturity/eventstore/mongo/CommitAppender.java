package org.socialmaturity.eventstore.mongo;

import static org.socialmaturity.eventstore.mongo.CommitDocument.firstIndex;
import static org.socialmaturity.eventstore.mongo.CommitDocument.lastIndex;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

import org.bson.Document;
import org.socialmaturity.contracts.proof.HashChain;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.mongo.CommitDocument.SerializedEvent;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Appends commits at the end of the global sequence without reserving anything first: the insert of a commit at the
 * index after the last commit is itself the claim on its indexes. Two writers that pick the same index are told apart
 * by the unique {@code _id}; the one refused reads where the winner's commit ends and tries right after it.
 *
 * <p>Why this leaves no hole: a commit is only ever inserted at {@code 0} or right after a commit that exists, and an
 * insert that fails takes nothing. So the commits always tile {@code [0, head]} without a gap or an overlap, a reader
 * never meets an index that is "reserved but not yet written", and no timeout, clock or lock is involved. A writer
 * frozen between choosing its index and inserting simply finds the index taken when it wakes up and moves on.
 *
 * <p>Why a lost commit leaves no hole: a writer may have seen a commit that is then lost because it was never durable
 * (local-mongo killed before its fsync, a failover before a majority had it), and append right after it. Every commit
 * after the last one this process knows to be durable is therefore followed by a check of the indexes before it, and
 * a hole found there is filled with a void (the lost commit was never acknowledged, so nothing acknowledged is lost).
 *
 * <p>Why the winner's commit can be found: on a MongoDB replica set a duplicate-key error comes from the primary's
 * unique index, which holds the commit that refused ours, and the look-up reads the primary's latest state. If that
 * commit were rolled back meanwhile (a failover before it reached a majority), the look-up finds nothing and the
 * writer starts again from what it knows, which is at or before the end.
 */
final class CommitAppender {

    /** How many indexes after a taken one a refused writer looks at, to skip a whole run of commits at once. */
    private static final int LOOK_AHEAD = 16;
    /** The head hint is moved on every this many indexes: a starting process walks at most that far. */
    private static final long HINT_EVERY = 1024;
    private static final int MAX_HOLE_ATTEMPTS = 16;
    private static final Logger LOG = Logger.getLogger(CommitAppender.class);
    private static final long CONFLICT = -1;
    private static final long DONE = -2;
    static final String HEAD_HINT_ID = "head";
    static final String HEAD_HINT_INDEX = "index";

    private final EventStoreCollections store;
    private final GlobalStream stream;
    private final Clock clock;
    private final LongConsumer beforeInsert;
    private final AtomicReference<Link> lastLink = new AtomicReference<>();
    private final boolean hashChain;

    CommitAppender(EventStoreCollections store, GlobalStream stream, Clock clock, LongConsumer beforeInsert,
                   boolean hashChain) {
        this.hashChain = hashChain;
        this.store = store;
        this.stream = stream;
        this.clock = clock;
        this.beforeInsert = beforeInsert;
    }

    /**
     * Appends one commit of one aggregate's events.
     *
     * @throws MongoWriteException with a duplicate key on the stream key when another writer appended this
     *         aggregate version first; any other failure of the insert as the driver reports it
     */
    void append(List<SerializedEvent> events) {
        long candidate = stream.knownHead() + 1;
        while (true) {
            beforeInsert.accept(candidate);
            Document commit = CommitDocument.commit(candidate, events, clock.instant());
            if (hashChain) {
                CommitChain.link(commit, hashBefore(candidate));
            }
            try {
                boolean afterDurable = candidate - 1 <= stream.durableHead();
                store.commits.insertOne(commit);
                if (!afterDurable) {
                    closeHoleBefore(candidate);
                }
                learn(commit);
                stream.advanceKnownHead(lastIndex(commit));
                stream.advanceDurableHead(lastIndex(commit));
                moveHintPast(candidate, lastIndex(commit));
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                long next = nextFreeAfterTaken(candidate, commit);
                if (next == CONFLICT) {
                    throw e;
                }
                if (next == DONE) {
                    stream.advanceKnownHead(lastIndex(commit));
                    return;
                }
                candidate = next;
            }
        }
    }

    /**
     * The hash of the commit ending at {@code index - 1}, for the commit at {@code index} to name: known when this
     * process appended or met that commit last, else one look-up. {@link HashChain#GENESIS} at 0; null when no commit
     * ends there (the one this writer saw there was lost before it was durable: a void will fill its indexes) or it
     * predates the chain.
     */
    private String hashBefore(long index) {
        if (index == 0) {
            return HashChain.GENESIS;
        }
        Link last = lastLink.get();
        if (last != null && last.index() == index - 1) {
            return last.hash();
        }
        Document before = stream.lastCommitAtOrBefore(store.latestCommits, index - 1);
        if (before == null || lastIndex(before) != index - 1) {
            return null;
        }
        learn(before);
        return CommitChain.hashOf(before);
    }

    /** Remembers the end of the chain this process knows of, so that its next append needs no look-up. */
    private void learn(Document commit) {
        String hash = CommitChain.hashOf(commit);
        if (hash != null) {
            lastLink.accumulateAndGet(new Link(lastIndex(commit), hash),
                    (known, met) -> known == null || met.index() >= known.index() ? met : known);
        }
    }

    /** A commit's last global index and its hash. */
    private record Link(long index, String hash) {
    }

    /**
     * After a duplicate key at {@code candidate}: the index to try next when another commit holds it, {@link #DONE}
     * when the commit there is this very one (the driver retried an insert whose first attempt went through), or
     * {@link #CONFLICT} when the index is free and the duplicate was therefore on the stream key.
     */
    private long nextFreeAfterTaken(long candidate, Document ours) {
        List<Document> found = new ArrayList<>();
        store.latestCommits.find(Filters.in(CommitDocument.ID,
                        LongStream.range(candidate, candidate + LOOK_AHEAD).boxed().toList()))
                .projection(Projections.include(CommitDocument.ID, CommitDocument.LAST, CommitDocument.KEY,
                        CommitDocument.FIRST_EVENT_ID, CommitChain.HASH))
                .into(found);
        Document taken = found.stream().filter(d -> firstIndex(d) == candidate).findFirst().orElse(null);
        if (taken == null) {
            return CONFLICT;
        }
        // Ours when both its stream key and its first event id match: event ids are not checked for uniqueness.
        if (ours.getString(CommitDocument.KEY).equals(taken.getString(CommitDocument.KEY))
                && CommitDocument.firstEventId(ours).equals(CommitDocument.firstEventId(taken))) {
            return DONE;
        }
        long end = lastIndex(taken);
        learn(taken);
        found.sort(Comparator.comparingLong(CommitDocument::firstIndex));
        for (Document commit : found) {
            if (firstIndex(commit) == end + 1) {
                end = lastIndex(commit);
                learn(commit);
            }
        }
        stream.advanceKnownHead(end);
        return end + 1;
    }

    /**
     * Makes sure the indexes before a commit just inserted at {@code index} are taken. They are, unless the commit this
     * writer saw there and appended after was lost before it was durable (local-mongo killed before its fsync, a
     * primary that failed over before the commit reached a majority): that commit was never acknowledged, so nothing
     * acknowledged is lost, but its indexes would be a hole no reader passes. A void fills it; a writer inserting
     * there at the same moment wins or loses against the void, and either way the hole is gone.
     */
    private void closeHoleBefore(long index) {
        for (int attempt = 0; attempt < MAX_HOLE_ATTEMPTS; attempt++) {
            Document before = stream.lastCommitAtOrBefore(store.latestCommits, index - 1);
            long holeStart = before == null ? 0 : lastIndex(before) + 1;
            if (holeStart >= index) {
                return;
            }
            LOG.warnf("Global indexes [%d, %d] before the commit at %d are empty: the commit seen there was lost "
                    + "before it was durable; filling them with a void", holeStart, index - 1, index);
            if (store.insertVoid(holeStart, index - 1, clock.instant())) {
                return;
            }
        }
        throw new IllegalStateException("Could not close the hole before global index " + index);
    }

    /** Keeps the head hint within {@link #HINT_EVERY} of the end; a lost update only makes a start walk further. */
    private void moveHintPast(long first, long last) {
        if (Math.floorDiv(last, HINT_EVERY) != Math.floorDiv(first - 1, HINT_EVERY)) {
            store.counters.updateOne(Filters.eq(CommitDocument.ID, HEAD_HINT_ID), Updates.max(HEAD_HINT_INDEX, last),
                    new UpdateOptions().upsert(true));
        }
    }
}
