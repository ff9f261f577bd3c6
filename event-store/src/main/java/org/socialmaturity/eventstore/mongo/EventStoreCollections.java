package org.socialmaturity.eventstore.mongo;

import java.time.Instant;
import java.util.TreeMap;
import java.util.stream.LongStream;

import org.bson.Document;
import org.socialmaturity.contracts.proof.HashChain;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;

/**
 * The storage layout of the event store: which collections hold what, their indexes, and the concerns each kind of
 * access uses. The engine's parts ({@link CommitAppender}, {@link GlobalStream}, {@link AggregateStreams}) see the
 * store only through this.
 *
 * <ul>
 * <li>{@code commits}: one {@link CommitDocument} per aggregate per unit of work, {@code _id} = its first global
 * index, unique stream {@code key}.</li>
 * <li>{@code snapshots}: the latest snapshot per aggregate, {@code _id} = aggregate id.</li>
 * <li>{@code counters}: {@code {_id: "head", index}}, a hint of how far the store reached, so that a starting
 * process finds the end without a sort (which mongo-java-server answers by scanning); never relied on for
 * correctness. Stores of schema 1 also hold {@code {_id: "global", next}} there.</li>
 * </ul>
 *
 * <p>Writes use the configured write concern ({@code majority} with journaling by default), so an acknowledged
 * append survives a failover; tracking reads use the configured read concern ({@code majority} by default), so a
 * projection never acts on an event a failover could roll back. Loading an aggregate and the appender's look-ups
 * after a duplicate key read the primary's latest state: a command decides on everything appended so far (a stale
 * read would only turn into a conflict), and the appender must see the commit whose insert just refused its own.
 */
final class EventStoreCollections {

    static final int MAX_LOOK_BACK = 1024;

    final MongoCollection<Document> commits;
    final MongoCollection<Document> trackedCommits;
    final MongoCollection<Document> latestCommits;
    final MongoCollection<Document> snapshots;
    final MongoCollection<Document> counters;

    EventStoreCollections(MongoDatabase database, String commits, String snapshots, String counters,
                          WriteConcern writeConcern, ReadConcern readConcern) {
        MongoDatabase durable = database.withWriteConcern(writeConcern);
        this.commits = durable.getCollection(commits);
        this.trackedCommits = this.commits.withReadConcern(readConcern);
        this.latestCommits = this.commits.withReadPreference(ReadPreference.primary()).withReadConcern(ReadConcern.LOCAL);
        this.snapshots = durable.getCollection(snapshots);
        this.counters = durable.getCollection(counters);
    }

    /**
     * Fills {@code [first, last]} with a void commit, which readers pass.
     *
     * @return false when the first index is taken already (a commit or another void got there first)
     */
    boolean insertVoid(long first, long last, Instant at) {
        Document before = first == 0 ? null : lastCommitAtOrBefore(latestCommits, first - 1, MAX_LOOK_BACK);
        String prev = first == 0 ? HashChain.GENESIS
                : before != null && CommitDocument.lastIndex(before) == first - 1 ? CommitChain.hashOf(before)
                : null;
        Document after = latestCommits.find(Filters.eq(CommitDocument.ID, last + 1))
                .projection(Projections.include(CommitChain.PREV)).first();
        Document voidCommit = CommitDocument.voidCommit(first, last, at,
                after == null ? null : CommitChain.prevOf(after));
        try {
            commits.insertOne(prev == null ? voidCommit : CommitChain.link(voidCommit, prev));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /**
     * The last commit starting at or before {@code index} (its bounds and hash only), looking back in windows of 64
     * indexes, doubling up to {@code maxWindow}; null when none does.
     */
    Document lastCommitAtOrBefore(MongoCollection<Document> from, long index, int maxWindow) {
        long high = index;
        int window = GlobalStream.FIRST_PAGE;
        while (high >= 0) {
            long low = Math.max(0, high - window + 1);
            TreeMap<Long, Document> bounds = new TreeMap<>();
            from.find(Filters.in(CommitDocument.ID, LongStream.rangeClosed(low, high).boxed().toList()))
                    .projection(Projections.include(CommitDocument.ID, CommitDocument.LAST, CommitChain.HASH))
                    .forEach(d -> bounds.put(CommitDocument.firstIndex(d), d));
            if (!bounds.isEmpty()) {
                return bounds.lastEntry().getValue();
            }
            high = low - 1;
            window = Math.min(window * 2, maxWindow);
        }
        return null;
    }

    /** The unique single-field index every aggregate read relies on; {@code _id} needs none. */
    void ensureIndexes() {
        commits.createIndex(Indexes.ascending(CommitDocument.KEY), new IndexOptions().unique(true).name("key"));
    }
}
