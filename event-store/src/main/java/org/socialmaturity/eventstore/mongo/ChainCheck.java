package org.socialmaturity.eventstore.mongo;

import static org.socialmaturity.eventstore.mongo.CommitDocument.firstIndex;
import static org.socialmaturity.eventstore.mongo.CommitDocument.lastIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * Walks the whole event store in global order and recomputes its hash chain ({@link CommitChain}): each commit must
 * start right after the one before, hold the hash of its content, and name the hash of the commit before it. The
 * first commit that does not is where the store was changed outside the platform (a payload rewritten, commits
 * reordered or removed). Voids, the indexes of commits lost before they were durable, are listed: the chain runs
 * through them, but what they stand for is gone. Commits from before the chain existed are counted, not judged.
 *
 * <p>What it cannot see alone: commits removed from the end. A signed checkpoint of the head does.
 */
public final class ChainCheck {

    private static final int PAGE = 256;

    private final EventStoreCollections store;

    ChainCheck(EventStoreCollections store) {
        this.store = store;
    }

    /** @param progress told the global index reached after each page */
    ChainReport run(LongConsumer progress) {
        long next = 0;
        long commits = 0;
        long unchained = 0;
        String hashBefore = CommitChain.GENESIS;
        String standsFor = null;
        boolean afterVoid = false;
        boolean chained = false;
        List<long[]> voids = new ArrayList<>();
        while (true) {
            TreeMap<Long, Document> page = new TreeMap<>();
            store.trackedCommits.find(Filters.in(CommitDocument.ID,
                    LongStream.range(next, next + PAGE).boxed().toList())).forEach(d -> page.put(firstIndex(d), d));
            if (!page.containsKey(next)) {
                Long after = page.isEmpty() ? firstCommitAfter(next) : page.firstKey();
                return after == null
                        ? new ChainReport(commits, next - 1, null, voids, unchained, hashBefore)
                        : broken(commits, next - 1, next, "global indexes " + next + " to " + (after - 1)
                        + " are missing: their commits were removed", voids, unchained);
            }
            for (Document commit = page.get(next); commit != null; commit = page.get(next)) {
                String hash = commit.getString(CommitChain.HASH);
                if (hash == null) {
                    if (chained) {
                        return broken(commits, next - 1, next, "the commit has no hash: it was replaced outside "
                                + "the platform", voids, unchained);
                    }
                    unchained++;
                } else {
                    if (!hash.equals(CommitChain.hash(commit))) {
                        return broken(commits, next - 1, next, "the commit's content does not match its hash: it "
                                + "was changed outside the platform", voids, unchained);
                    }
                    String prev = commit.getString(CommitChain.PREV);
                    // The first hashed commit starts the chain: at genesis, or after commits that predate it.
                    // After a void the writer could not know the lost commit's hash, or knew it (standsFor).
                    boolean linked = chained
                            ? prev != null ? prev.equals(hashBefore) || prev.equals(standsFor) : afterVoid
                            : unchained > 0 || CommitChain.GENESIS.equals(prev);
                    if (!linked) {
                        return broken(commits, next - 1, next, "the commit does not follow the one before it: "
                                + "commits were removed, reordered or replaced before it", voids, unchained);
                    }
                    chained = true;
                    hashBefore = hash;
                }
                boolean isVoid = commit.getList(CommitDocument.EVENTS, Document.class, List.of()).isEmpty();
                standsFor = isVoid ? commit.getString(CommitChain.STANDS_FOR) : null;
                afterVoid = isVoid;
                if (isVoid) {
                    voids.add(new long[] {firstIndex(commit), lastIndex(commit)});
                }
                commits++;
                next = lastIndex(commit) + 1;
            }
            progress.accept(next - 1);
        }
    }

    private Long firstCommitAfter(long index) {
        Document after = store.trackedCommits.find(Filters.gt(CommitDocument.ID, index))
                .projection(Projections.include(CommitDocument.ID)).sort(new Document(CommitDocument.ID, 1)).first();
        return after == null ? null : firstIndex(after);
    }

    private static ChainReport broken(long commits, long verifiedUpTo, long at, String reason, List<long[]> voids,
                                      long unchained) {
        return new ChainReport(commits, verifiedUpTo, new ChainReport.Break(at, reason), voids, unchained, null);
    }

    /**
     * What the check found: how many commits it checked, up to which global index the chain holds, the first break
     * (null when none), the voids, how many commits predate the chain, and the hash of the last commit (the head a
     * checkpoint signs; null when broken).
     */
    public record ChainReport(long commits, long verifiedUpTo, Break firstBreak, List<long[]> voids,
                              long unchainedCommits, String headHash) {

        public boolean intact() {
            return firstBreak == null;
        }

        /** Where the chain breaks, by global index, and why. */
        public record Break(long globalIndex, String reason) {
        }
    }
}
