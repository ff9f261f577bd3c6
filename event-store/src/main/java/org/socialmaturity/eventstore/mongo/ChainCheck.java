package org.socialmaturity.eventstore.mongo;

import static org.socialmaturity.eventstore.mongo.CommitDocument.firstIndex;
import static org.socialmaturity.eventstore.mongo.CommitDocument.lastIndex;

import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

import org.bson.Document;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.contracts.proof.SigningKey;
import org.socialmaturity.contracts.proof.StoredCommit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * Walks the whole event store in global order and recomputes its hash chain ({@link CommitChain}): each commit must
 * start right after the one before, hold the hash of its content, and name the hash of the commit before it. The
 * first commit that does not is where the store was changed outside the platform (a payload rewritten, commits
 * reordered or removed). Voids, the indexes of commits lost before they were durable, are listed: the chain runs
 * through them, but what they stand for is gone. Commits from before the chain existed are counted, not judged.
 *
 * <p>Signed checkpoints are checked on the way: each must be the platform's signature of a hash the store still
 * holds at that index, which catches a store rewritten with a recomputed chain, and commits removed from its end.
 */
public final class ChainCheck {

    private static final int PAGE = 256;

    private final EventStoreCollections store;

    ChainCheck(EventStoreCollections store) {
        this.store = store;
    }

    /**
     * @param checkpoints the signed checkpoints kept, in head order: each must name a commit's end and its hash, and
     *                    none may lie beyond the end of the store
     * @param key         the platform's key, which must have signed each checkpoint
     * @param progress    told the global index reached after each page
     */
    ChainReport run(List<Checkpoint> checkpoints, PublicKey key, LongConsumer progress) {
        Walk walk = new Walk(checkpoints, key);
        long next = 0;
        while (true) {
            TreeMap<Long, Document> page = new TreeMap<>();
            store.trackedCommits.find(Filters.in(CommitDocument.ID,
                    LongStream.range(next, next + PAGE).boxed().toList())).forEach(d -> page.put(firstIndex(d), d));
            if (!page.containsKey(next)) {
                Long after = page.isEmpty() ? firstCommitAfter(next) : page.firstKey();
                return after == null ? walk.end(next - 1)
                        : walk.broken(next, "global indexes " + next + " to " + (after - 1)
                        + " are missing: their commits were removed");
            }
            for (Document commit = page.get(next); commit != null; commit = page.get(next)) {
                String reason = walk.follow(CommitChain.stored(commit));
                if (reason != null) {
                    return walk.broken(next, reason);
                }
                next = lastIndex(commit) + 1;
            }
            progress.accept(next - 1);
        }
    }

    /** The chain followed commit by commit, with the checkpoints still to meet. */
    private static final class Walk {

        private final Deque<Checkpoint> checkpoints;
        private final PublicKey key;
        private final List<long[]> voids = new ArrayList<>();
        private long commits;
        private long unchained;
        private long checkpointsMet;
        private String hashBefore;
        private StoredCommit before;

        Walk(List<Checkpoint> checkpoints, PublicKey key) {
            this.checkpoints = new ArrayDeque<>(checkpoints);
            this.key = key;
        }

        /** @return why the commit breaks the chain, or null when it follows */
        String follow(StoredCommit commit) {
            if (commit.unchained()) {
                if (hashBefore != null) {
                    return "the commit has no hash: it was replaced outside the platform";
                }
                unchained++;
            } else {
                if (!commit.hash().equals(commit.expectedHash())) {
                    return "the commit's content does not match its hash: it was changed outside the platform";
                }
                // The first hashed commit starts the chain: at genesis, or after commits that predate it.
                boolean linked = hashBefore == null && unchained > 0
                        || HashChain.follows(commit.prev(), hashBefore, before != null && before.isVoid(),
                        before == null ? null : before.standsFor());
                if (!linked) {
                    return "the commit does not follow the one before it: commits were removed, reordered or "
                            + "replaced before it";
                }
                hashBefore = commit.hash();
            }
            if (commit.isVoid()) {
                voids.add(new long[] {commit.first(), commit.last()});
            }
            before = commit;
            commits++;
            return meetCheckpoints(commit);
        }

        private String meetCheckpoints(StoredCommit commit) {
            while (!checkpoints.isEmpty() && checkpoints.peekFirst().headIndex() <= commit.last()) {
                Checkpoint checkpoint = checkpoints.removeFirst();
                if (!checkpoint.signedBy(key)) {
                    return "the checkpoint of index " + checkpoint.headIndex() + " signed at "
                            + checkpoint.signedAt() + " is not signed by the platform's key " + SigningKey.keyIdOf(key)
                            + ": it was forged or changed";
                }
                if (checkpoint.headIndex() != commit.last() || !checkpoint.headHash().equals(commit.hash())) {
                    return "the checkpoint signed at " + checkpoint.signedAt() + " names hash "
                            + checkpoint.headHash() + " at index " + checkpoint.headIndex()
                            + ": the store holds something else there, rewritten after it was signed";
                }
                checkpointsMet++;
            }
            return null;
        }

        ChainReport end(long lastIndex) {
            if (!checkpoints.isEmpty()) {
                Checkpoint beyond = checkpoints.peekLast();
                return new ChainReport(commits, lastIndex, new ChainReport.Break(lastIndex + 1, "the store ends at "
                        + "index " + lastIndex + " but the checkpoint signed at " + beyond.signedAt()
                        + " names index " + beyond.headIndex() + ": commits were removed from its end"), voids,
                        unchained, checkpointsMet, null);
            }
            return new ChainReport(commits, lastIndex, null, voids, unchained, checkpointsMet, hashBefore);
        }

        ChainReport broken(long at, String reason) {
            return new ChainReport(commits, at - 1, new ChainReport.Break(at, reason), voids, unchained,
                    checkpointsMet, null);
        }
    }

    private Long firstCommitAfter(long index) {
        Document after = store.trackedCommits.find(Filters.gt(CommitDocument.ID, index))
                .projection(Projections.include(CommitDocument.ID)).sort(new Document(CommitDocument.ID, 1)).first();
        return after == null ? null : firstIndex(after);
    }

    /**
     * What the check found: how many commits it checked, up to which global index the chain holds, the first break
     * (null when none), the voids, how many commits predate the chain, how many signed checkpoints it met and found
     * true, and the hash of the last commit (null when broken).
     */
    public record ChainReport(long commits, long verifiedUpTo, Break firstBreak, List<long[]> voids,
                              long unchainedCommits, long checkpointsVerified, String headHash) {

        public boolean intact() {
            return firstBreak == null;
        }

        /** Where the chain breaks, by global index, and why. */
        public record Break(long globalIndex, String reason) {
        }
    }
}
