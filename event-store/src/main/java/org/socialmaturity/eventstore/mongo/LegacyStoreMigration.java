package org.socialmaturity.eventstore.mongo;

import static org.socialmaturity.eventstore.mongo.CommitDocument.firstIndex;
import static org.socialmaturity.eventstore.mongo.CommitDocument.lastIndex;

import java.time.Clock;
import java.util.TreeMap;
import java.util.stream.LongStream;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Brings a store written by the reserving engine (schema 1 with its {@code counters/global} document) to the gap-free
 * layout. That engine reserved indexes before inserting, so its store may hold holes: indexes whose writer died
 * between reserving and inserting, which its readers passed after a timeout. Readers now stop at the first missing
 * index, so each hole below the old counter is filled with a void commit, the head hint is set, and the old counter
 * removed. Commits themselves are not rewritten: their layout is unchanged.
 *
 * <p>Run by every engine at start while the old counter exists; it is idempotent (a void that another process
 * inserted first is a duplicate and ignored). Writers of the old version must be stopped first: one of them could
 * still insert into an index the migration has just filled.
 */
final class LegacyStoreMigration {

    private static final Logger LOG = Logger.getLogger(LegacyStoreMigration.class);
    static final String LEGACY_COUNTER_ID = "global";
    private static final int PAGE = 256;

    private final EventStoreCollections store;
    private final Clock clock;

    LegacyStoreMigration(EventStoreCollections store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void migrateIfNeeded() {
        Document counter = store.counters.find(Filters.eq(CommitDocument.ID, LEGACY_COUNTER_ID)).first();
        if (counter == null) {
            return;
        }
        long end = ((Number) counter.get("next")).longValue() - 1;
        LOG.infof("Event store written by the reserving engine: filling holes in [0, %d] with voids", end);
        long filled = 0;
        long next = 0;
        while (next <= end) {
            int count = (int) Math.min(PAGE, end - next + 1);
            TreeMap<Long, Document> page = new TreeMap<>();
            store.latestCommits.find(Filters.in(CommitDocument.ID, LongStream.range(next, next + count).boxed().toList()))
                    .projection(Projections.include(CommitDocument.ID, CommitDocument.LAST))
                    .forEach(d -> page.put(firstIndex(d), d));
            long index = next;
            while (index < next + count) {
                Document commit = page.get(index);
                if (commit != null) {
                    index = lastIndex(commit) + 1;
                    continue;
                }
                Long following = page.higherKey(index);
                long holeEnd = following != null ? following - 1 : Math.min(end, next + count - 1);
                store.insertVoid(index, holeEnd, clock.instant());
                filled += holeEnd - index + 1;
                index = holeEnd + 1;
            }
            next = index;
        }
        store.counters.updateOne(Filters.eq(CommitDocument.ID, CommitAppender.HEAD_HINT_ID),
                Updates.max(CommitAppender.HEAD_HINT_INDEX, end), new UpdateOptions().upsert(true));
        store.counters.deleteOne(Filters.eq(CommitDocument.ID, LEGACY_COUNTER_ID));
        LOG.infof("Event store migrated: %d holes' indexes filled with voids, head %d", filled, end);
    }
}
