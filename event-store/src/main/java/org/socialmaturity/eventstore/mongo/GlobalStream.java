package org.socialmaturity.eventstore.mongo;

import static org.socialmaturity.eventstore.mongo.CommitDocument.firstIndex;
import static org.socialmaturity.eventstore.mongo.CommitDocument.lastIndex;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * The global sequence as readers see it: tracking reads in global order, the head, and tokens.
 *
 * <p>The commits tile {@code [0, head]} without a hole (see {@link CommitAppender}), so a reader delivers commits in
 * index order and simply stops at the first index it does not find: that commit is not written yet, or not yet
 * visible to this read (a query is not a snapshot and may see a later insert but not an earlier one; with read concern
 * {@code majority} it is not yet on a majority). Either way it will be there at a later read, and nothing is passed.
 *
 * <p>A token may point inside a commit (a processor stored the token of an event that was not its commit's last): a
 * reader opened on such a token first delivers the rest of that commit, found by looking back from the token's index.
 *
 * <p>An empty index with commits after it is normally a read that caught a later insert but not an earlier one. If
 * it stays empty ({@link Holes}), its commit was lost before it was durable and a void fills it.
 *
 * <p>Every read is by {@code _id $in} over the next indexes (64, doubling up to the maximum batch): a key look-up on
 * mongo-java-server (which scans whole collections for ranges and sorts) and on a real MongoDB alike.
 */
final class GlobalStream {

    static final int FIRST_PAGE = 64;

    private final EventStoreCollections store;
    private final int maxPage;
    private final Holes holes;
    /** The last index this process has seen written; only ever moves forward. -1: none yet. */
    private final AtomicLong knownHead = new AtomicLong(-1);
    /**
     * The last index this process knows to be durable, with everything before it: the end of a commit whose insert
     * was acknowledged (with write concern majority, or on disk for local-mongo), or the head hint (itself written so).
     * What a process has merely seen may still vanish: a commit not yet on a majority can be rolled back, and
     * local-mongo shows a write before it is on disk.
     */
    private final AtomicLong durableHead = new AtomicLong(-1);

    GlobalStream(EventStoreCollections store, int maxPage, Holes holes) {
        this.store = store;
        this.maxPage = Math.max(FIRST_PAGE, maxPage);
        this.holes = holes;
    }

    /** Starts from the head hint (or the legacy counter): the walk to the real end is then short. */
    void startFromHint() {
        Document hint = store.counters.find(Filters.eq(CommitDocument.ID, CommitAppender.HEAD_HINT_ID)).first();
        if (hint != null) {
            long index = ((Number) hint.get(CommitAppender.HEAD_HINT_INDEX)).longValue();
            advanceKnownHead(index);
            advanceDurableHead(index);
        }
        headIndex();
    }

    long knownHead() {
        return knownHead.get();
    }

    void advanceKnownHead(long index) {
        knownHead.accumulateAndGet(index, Math::max);
    }

    long durableHead() {
        return durableHead.get();
    }

    void advanceDurableHead(long index) {
        durableHead.accumulateAndGet(index, Math::max);
    }

    /** The last global index written, found by walking on from the last one this process knew; -1 when empty. */
    long headIndex() {
        long head = knownHead.get();
        while (true) {
            TreeMap<Long, Document> page = ends(head + 1, maxPage);
            long end = head;
            for (Document commit = page.get(end + 1); commit != null; commit = page.get(end + 1)) {
                end = lastIndex(commit);
            }
            if (end == head) {
                advanceKnownHead(head);
                return knownHead.get();
            }
            head = end;
        }
    }

    /** Whether a commit starts right after {@code index}: one lookup by id, cheap enough to ask often. */
    boolean committedAfter(long index) {
        return store.latestCommits.find(Filters.eq(CommitDocument.ID, index + 1))
                .projection(Projections.include(CommitDocument.ID)).first() != null;
    }

    /** The commits starting in {@code [from, from + count)}, only their bounds. */
    private TreeMap<Long, Document> ends(long from, int count) {
        TreeMap<Long, Document> byIndex = new TreeMap<>();
        store.latestCommits.find(Filters.in(CommitDocument.ID, indexes(from, count)))
                .projection(Projections.include(CommitDocument.ID, CommitDocument.LAST))
                .forEach(d -> byIndex.put(firstIndex(d), d));
        return byIndex;
    }

    Iterator<TrackedEventData<?>> readAfter(TrackingToken token) {
        return new TrackingReader(positionOf(token));
    }

    /**
     * The last index a token has seen. Tokens this engine writes never have gaps; one of schema 1 may list the
     * indexes its reader passed, which {@link LegacyStoreMigration} filled with voids, so reading on is safe.
     */
    static long positionOf(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex();
        }
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        throw new IllegalArgumentException("Unsupported token " + token.getClass().getName()
                + "; this engine tracks with GapAwareTrackingToken");
    }

    static TrackingToken tokenAt(long index) {
        return GapAwareTrackingToken.newInstance(index, Collections.emptySet());
    }

    TrackingToken headToken() {
        long head = headIndex();
        return head < 0 ? null : tokenAt(head);
    }

    /** The position just before the first commit made at or after {@code instant}, by binary search over indexes. */
    TrackingToken tokenAt(Instant instant) {
        long low = 0;
        long high = headIndex();
        long firstAtOrAfter = high + 1;
        while (low <= high) {
            long middle = low + (high - low) / 2;
            Map.Entry<Long, Document> commit = fetch(store.trackedCommits, middle, 32).firstEntry();
            if (commit == null) {
                high = middle - 1;
            } else if (!CommitDocument.committedAt(commit.getValue()).isBefore(instant)) {
                firstAtOrAfter = commit.getKey();
                high = middle - 1;
            } else {
                low = lastIndex(commit.getValue()) + 1;
            }
        }
        return firstAtOrAfter <= 0 ? null : tokenAt(firstAtOrAfter - 1);
    }

    private static TreeMap<Long, Document> fetch(MongoCollection<Document> commits, long from, int count) {
        TreeMap<Long, Document> byIndex = new TreeMap<>();
        commits.find(Filters.in(CommitDocument.ID, indexes(from, count))).forEach(d -> byIndex.put(firstIndex(d), d));
        return byIndex;
    }

    /**
     * The commit holding {@code index}: the commits tile {@code [0, head]}, so it is the last one starting at or before
     * it, found by looking back in windows of 64 indexes, doubling; null when that commit ends before {@code index}
     * (or there is none).
     */
    private Document commitHolding(long index) {
        Document last = lastCommitAtOrBefore(store.trackedCommits, index);
        return last == null || lastIndex(last) < index ? null
                : store.trackedCommits.find(Filters.eq(CommitDocument.ID, firstIndex(last))).first();
    }

    /** The last commit starting at or before {@code index} (its bounds and hash only); null when none does. */
    Document lastCommitAtOrBefore(MongoCollection<Document> commits, long index) {
        return store.lastCommitAtOrBefore(commits, index, 4 * maxPage);
    }

    private static java.util.List<Long> indexes(long from, int count) {
        return LongStream.range(from, from + count).boxed().toList();
    }

    /** Reads commits in global order, page by page, until the first index not there yet. */
    private final class TrackingReader implements Iterator<TrackedEventData<?>> {

        private final Deque<TrackedEventData<?>> buffer = new ArrayDeque<>();
        private long lastIndex;
        private int page = FIRST_PAGE;
        private boolean exhausted;
        /** Until the first page: the token's index may be inside a commit, whose rest is then delivered first. */
        private boolean mayBeInsideCommit;

        TrackingReader(long lastIndex) {
            this.lastIndex = lastIndex;
            // The known head is always a commit's last index: a reader polling at the head needs no look-back.
            this.mayBeInsideCommit = lastIndex >= 0 && lastIndex != knownHead.get();
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && !exhausted) {
                fetchPage();
            }
            return !buffer.isEmpty();
        }

        @Override
        public TrackedEventData<?> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }

        private void fetchPage() {
            long end = lastIndex + page;
            TreeMap<Long, Document> commits = fetch(store.trackedCommits, lastIndex + 1, page);
            if (mayBeInsideCommit) {
                mayBeInsideCommit = false;
                Document holding = commits.containsKey(lastIndex + 1) ? null : commitHolding(lastIndex + 1);
                if (holding != null) {
                    // The token is inside this commit: its rest first; the next page reads on after it.
                    deliver(holding, lastIndex + 1);
                    return;
                }
            }
            for (Document commit = commits.get(lastIndex + 1); commit != null; commit = commits.get(lastIndex + 1)) {
                deliver(commit);
            }
            if (lastIndex < end) {
                // Stopped at an index not there yet: the rest of this page waits for the next read.
                exhausted = true;
                Long after = commits.higherKey(lastIndex + 1);
                if (after != null) {
                    holes.seen(lastIndex + 1, after);
                }
            } else if (page < maxPage) {
                page = Math.min(page * 2, maxPage);
            }
        }

        private void deliver(Document commit) {
            deliver(commit, firstIndex(commit));
        }

        /** Delivers the events of a commit from global index {@code from} on. */
        private void deliver(Document commit, long from) {
            long index = firstIndex(commit);
            for (DomainEventData<String> event : CommitDocument.events(commit)) {
                if (index >= from) {
                    buffer.add(new TrackedDomainEventData<>(tokenAt(index), event));
                }
                index++;
            }
            lastIndex = lastIndex(commit);
            advanceKnownHead(lastIndex);
        }
    }
}
