package org.socialmaturity.eventstore.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.Binary;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.contracts.proof.StoredCommit;
import org.socialmaturity.contracts.proof.StoredCommit.StoredEvent;

/**
 * The hash chain over the event store, in the stored layout: every commit stores its hash and the hash of the commit
 * before it in global order ({@code prev}), computed by the writer that appends it (the rules are
 * {@link HashChain}'s, and what a commit's content is, {@link StoredCommit}'s). Changing, removing or reordering a
 * stored commit therefore breaks the chain at that commit, whoever has write access to the database: the integrity
 * check ({@link ChainCheck}) recomputes it. The hash covers what is stored, as stored, so a field encrypted at rest is
 * hashed as its ciphertext.
 */
public final class CommitChain {

    static final String PREV = "prev";
    static final String HASH = "hash";
    /**
     * A void fills the indexes of a commit that was lost before it was durable, which the commit after it may already
     * name as its {@code prev}: the void records that hash, so the chain still connects (and says where).
     */
    static final String STANDS_FOR = "standsFor";

    private CommitChain() {
    }

    /** Links a commit document to the hash before it: sets {@code prev} and its own {@code hash}. */
    static Document link(Document commit, String prev) {
        commit.put(PREV, stored(prev));
        commit.put(HASH, stored(HashChain.link(stored(commit).contentHash(), prev)));
        return commit;
    }

    /** A commit's {@code hash} as proofs write it (lower-case hex), or null when it has none. */
    static String hashOf(Document commit) {
        return hex(commit.get(HASH));
    }

    /** The {@code prev} a commit names (lower-case hex), or null when it names none. */
    static String prevOf(Document commit) {
        return hex(commit.get(PREV));
    }

    /** The hash a void stands for (lower-case hex), or null when unknown. */
    static String standsForOf(Document commit) {
        return hex(commit.get(STANDS_FOR));
    }

    /**
     * A hash as the store holds it: its 32 bytes as BSON binary, half the size of its hex text, since every commit
     * carries two and a commit's size is what the server's work on an append grows with.
     */
    static Binary stored(String hash) {
        return hash == null ? null : new Binary(HashChain.bytes(hash));
    }

    /** Stores chained before hashes were kept as binary hold them as hex text: both read alike. */
    private static String hex(Object stored) {
        if (stored instanceof Binary binary) {
            return HashChain.hex(binary.getData());
        }
        return (String) stored;
    }

    /** The hash a stored commit should have, from what it holds (its {@code prev} included, its {@code hash} not). */
    public static String hash(Document commit) {
        return stored(commit).expectedHash();
    }

    /** A stored commit document as the layout-free record proofs and the verifier work with. */
    public static StoredCommit stored(Document commit) {
        List<Document> events = commit.getList(CommitDocument.EVENTS, Document.class, List.of());
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (Document event : events) {
            stored.add(new StoredEvent(event.getString(CommitDocument.EVENT_ID),
                    ((Number) event.get(CommitDocument.SEQUENCE)).longValue(),
                    event.getString(CommitDocument.TIMESTAMP), event.getString(CommitDocument.PAYLOAD_TYPE),
                    event.getString(CommitDocument.PAYLOAD_REVISION), event.getString(CommitDocument.PAYLOAD),
                    event.getString(CommitDocument.META_DATA)));
        }
        Date committedAt = commit.getDate(CommitDocument.COMMITTED_AT);
        return new StoredCommit(CommitDocument.firstIndex(commit), CommitDocument.lastIndex(commit),
                commit.getString(CommitDocument.KEY), commit.getString(CommitDocument.AGGREGATE_ID),
                commit.getString(CommitDocument.AGGREGATE_TYPE), longOrNull(commit.get(CommitDocument.FIRST_SEQUENCE)),
                longOrNull(commit.get(CommitDocument.LAST_SEQUENCE)),
                committedAt == null ? null : committedAt.getTime(), stored, standsForOf(commit), prevOf(commit),
                hashOf(commit));
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
