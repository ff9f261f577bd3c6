package org.socialmaturity.eventstore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.contracts.proof.SigningKey;
import org.socialmaturity.contracts.proof.StoredCommit;
import org.socialmaturity.eventstore.mongo.ChainCheck.ChainReport;
import org.socialmaturity.localmongo.LocalMongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Whoever can write to the database can change a stored event; the hash chain makes it show. Each case changes the
 * store directly, as a database administrator could, and the check must name the first commit affected.
 */
class CommitChainTest {

    private LocalMongo mongo;
    private MongoClient client;
    private GlobalSequenceEventStorageEngine engine;
    private MongoCollection<Document> commits;

    @BeforeEach
    void start() {
        mongo = LocalMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
        engine = Engines.engine(client, index -> { });
        commits = client.getDatabase("proof-events").getCollection("commits");
        // Two writers taking turns, commits of one to three events: [0] [1] [2] [3,4] [5] [6,7,8] [9] [10] [11] [12,13]
        GlobalSequenceEventStorageEngine other = Engines.engine(client, index -> { });
        for (int round = 0; round < 5; round++) {
            engine.appendEvents(Engines.events("a", round, 1));
            other.appendEvents(Engines.events("b", 3 * round, 1 + round % 3));
        }
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void anUntouchedStoreHoldsTogetherEachCommitNamingTheOneBefore() {
        List<Long> reached = new ArrayList<>();
        ChainReport report = engine.checkChain(reached::add);

        assertTrue(report.intact(), String.valueOf(report.firstBreak()));
        assertEquals(10, report.commits());
        assertEquals(engine.headIndex(), report.verifiedUpTo());
        assertEquals(engine.headIndex(), reached.get(reached.size() - 1));
        Document first = commits.find(Filters.eq("_id", 0L)).first();
        assertEquals(HashChain.GENESIS, CommitChain.prevOf(first));
        Document second = commits.find(Filters.eq("_id", 1L)).first();
        assertEquals(CommitChain.hashOf(first), CommitChain.prevOf(second), "written by another process, linked all the same");
        Document last = commits.find(Filters.eq("_id", firstIndexOfLastCommit())).first();
        assertEquals(CommitChain.hashOf(last), report.headHash());
    }

    @Test
    void hashesAreStoredAsTheirBytesAndAStoreThatKeptThemAsHexStillVerifies() {
        Document first = commits.find(Filters.eq("_id", 0L)).first();
        assertEquals(32, first.get("hash", Binary.class).getData().length);
        String headHash = engine.checkChain(index -> { }).headHash();
        // As the writers of the first format-2 stores kept them: lower-case hex text.
        for (Document commit : commits.find().into(new ArrayList<>())) {
            commits.updateOne(Filters.eq("_id", commit.get("_id")), Updates.combine(
                    Updates.set("hash", CommitChain.hashOf(commit)), Updates.set("prev", CommitChain.prevOf(commit))));
        }

        ChainReport report = engine.checkChain(index -> { });

        assertTrue(report.intact(), String.valueOf(report.firstBreak()));
        assertEquals(headHash, report.headHash());
        // A process started on such a store reads the hash of the commit it appends after from the store.
        Engines.engine(client, index -> { }).appendEvents(Engines.events("a", 5, 1));
        assertTrue(engine.checkChain(index -> { }).intact(), "an append after a hex-text commit links to it");
    }

    @Test
    void aPayloadChangedInTheDatabaseIsReportedAtItsCommit() {
        commits.updateOne(Filters.eq("_id", 3L), Updates.set("events.0.payload", "{\"writer\":\"b\",\"n\":99}"));

        ChainReport report = engine.checkChain(index -> { });

        assertEquals(3, report.firstBreak().globalIndex());
        assertTrue(report.firstBreak().reason().contains("content does not match its hash"), report.firstBreak().reason());
        assertEquals(2, report.verifiedUpTo());
        assertNull(report.headHash());
    }

    @Test
    void aCommitWhoseHashWasRecomputedAfterTheChangeBreaksTheLinkOfTheNext() {
        Document changed = commits.find(Filters.eq("_id", 3L)).first();
        changed.getList("events", Document.class).get(0).put("payload", "{\"writer\":\"b\",\"n\":99}");
        changed.put("hash", CommitChain.stored(CommitChain.hash(changed)));
        commits.replaceOne(Filters.eq("_id", 3L), changed);

        ChainReport report = engine.checkChain(index -> { });

        assertEquals(changed.getLong("last") + 1, report.firstBreak().globalIndex());
        assertTrue(report.firstBreak().reason().contains("does not follow the one before"), report.firstBreak().reason());
    }

    @Test
    void aDeletedCommitIsReportedAtItsIndexes() {
        commits.deleteOne(Filters.eq("_id", 6L));

        ChainReport report = engine.checkChain(index -> { });

        assertEquals(6, report.firstBreak().globalIndex());
        assertTrue(report.firstBreak().reason().contains("global indexes 6 to 8 are missing"), report.firstBreak().reason());
    }

    @Test
    void twoCommitsSwappedAreReportedAtTheFirst() {
        Document a = commits.find(Filters.eq("_id", 9L)).first();
        Document b = commits.find(Filters.eq("_id", 10L)).first();
        // Each other's content under their own bounds: what a reordering has to look like to keep the indexes tiled.
        Document aWithB = new Document(b);
        aWithB.put("_id", 9L);
        aWithB.put("last", 9L);
        Document bWithA = new Document(a);
        bWithA.put("_id", 10L);
        bWithA.put("last", 10L);
        commits.updateOne(Filters.eq("_id", 10L), Updates.set("key", "moving")); // the stream key is unique
        commits.replaceOne(Filters.eq("_id", 9L), aWithB);
        commits.replaceOne(Filters.eq("_id", 10L), bWithA);

        ChainReport report = engine.checkChain(index -> { });

        assertEquals(9, report.firstBreak().globalIndex());
    }

    @Test
    void aVoidFillingTheIndexesOfALostCommitKeepsTheChainConnected() {
        // A commit this process read, then lost before it was durable; the next append fills its indexes with a void.
        GlobalSequenceEventStorageEngine other = Engines.engine(client, index -> { });
        other.appendEvents(Engines.events("lost", 0, 2));
        long lostAt = firstIndexOfLastCommit();
        try (var read = engine.readEvents(null, false)) {
            assertEquals(lostAt + 2, read.count());
        }
        commits.deleteOne(Filters.eq("_id", lostAt));

        engine.appendEvents(Engines.events("after", 0, 1));

        ChainReport report = engine.checkChain(index -> { });
        assertTrue(report.intact(), String.valueOf(report.firstBreak()));
        assertEquals(1, report.voids().size());
        assertEquals(lostAt, report.voids().get(0)[0]);
    }

    @Test
    void aStoreRewrittenWithEveryHashRecomputedContradictsTheCheckpointSignedBeforeIt() {
        SigningKey key = SigningKey.throwaway();
        StoredCommit head = lastStoredCommit();
        Checkpoint signed = Checkpoint.sign(key, head.last(), head.hash(), Instant.now());
        rechainFrom(3L, "{\"writer\":\"b\",\"n\":99}");
        assertTrue(engine.checkChain(index -> { }).intact(), "recomputed hashes fool the chain alone");

        ChainReport report = engine.checkChain(List.of(signed), key.publicKey(), index -> { });

        assertEquals(head.first(), report.firstBreak().globalIndex(), "the commit the checkpoint names");
        assertTrue(report.firstBreak().reason().contains("the store holds something else there"),
                report.firstBreak().reason());
        assertEquals(0, report.checkpointsVerified());
    }

    @Test
    void commitsRemovedFromTheEndAreShownByTheCheckpointOfTheOldHead() {
        SigningKey key = SigningKey.throwaway();
        Checkpoint early = Checkpoint.sign(key, 2, CommitChain.hashOf(commits.find(Filters.eq("_id", 2L)).first()),
                Instant.now());
        StoredCommit head = lastStoredCommit();
        Checkpoint signed = Checkpoint.sign(key, head.last(), head.hash(), Instant.now());
        commits.deleteOne(Filters.eq("_id", head.first()));

        ChainReport report = engine.checkChain(List.of(early, signed), key.publicKey(), index -> { });

        assertEquals(head.first(), report.firstBreak().globalIndex());
        assertTrue(report.firstBreak().reason().contains("commits were removed from its end"),
                report.firstBreak().reason());
        assertEquals(1, report.checkpointsVerified(), "the checkpoint of index 2 still holds");
    }

    @Test
    void aCheckpointNotSignedByThePlatformsKeyIsReported() {
        SigningKey platform = SigningKey.throwaway();
        StoredCommit head = lastStoredCommit();
        Checkpoint forged = Checkpoint.sign(SigningKey.throwaway(), head.last(), head.hash(), Instant.now());

        ChainReport report = engine.checkChain(List.of(forged), platform.publicKey(), index -> { });

        assertTrue(report.firstBreak().reason().contains("not signed by the platform's key"),
                report.firstBreak().reason());
        assertTrue(engine.checkChain(List.of(Checkpoint.sign(platform, head.last(), head.hash(), Instant.now())),
                platform.publicKey(), index -> { }).intact());
    }

    /** What an administrator covering a change has to do: change one payload and recompute every hash after it. */
    private void rechainFrom(long firstIndex, String payload) {
        String prev = CommitChain.hashOf(commits.find(Filters.lt("_id", firstIndex)).sort(new Document("_id", -1))
                .first());
        List<Document> rest = commits.find(Filters.gte("_id", firstIndex)).sort(new Document("_id", 1))
                .into(new ArrayList<>());
        rest.get(0).getList("events", Document.class).get(0).put("payload", payload);
        for (Document commit : rest) {
            CommitChain.link(commit, prev);
            prev = CommitChain.hashOf(commit);
            commits.replaceOne(Filters.eq("_id", commit.get("_id")), commit);
        }
    }

    /** The last commit as stored, whose end the engine's gap-free head is in an untouched store. */
    private StoredCommit lastStoredCommit() {
        StoredCommit last = CommitChain.stored(commits.find().sort(new Document("_id", -1)).first());
        assertEquals(last.last(), engine.chainHead().index());
        assertEquals(last.hash(), engine.chainHead().hash());
        return last;
    }

    private long firstIndexOfLastCommit() {
        long head = engine.headIndex();
        return ((Number) commits.find(Filters.lte("_id", head)).sort(new Document("_id", -1)).first().get("_id"))
                .longValue();
    }
}
