package org.socialmaturity.eventstore.mongo;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.bson.Document;

/**
 * The hash chain over the event store: every commit stores the SHA-256 of its canonical content together with the
 * hash of the commit before it in global order ({@code prev}), computed by the writer that appends it. Changing,
 * removing or reordering a stored commit therefore breaks the chain at that commit, whoever has write access to the
 * database: the integrity check ({@link ChainCheck}) recomputes it. The hash covers what is stored, as stored, so a
 * field encrypted at rest is hashed as its ciphertext.
 *
 * <p>The canonical content is a fixed sequence of the commit's fields, each written with its length (so no two
 * commits encode alike): format tag, first and last global index, stream key, aggregate id and type, first and last
 * sequence, commit time in milliseconds, then each event's id, sequence, timestamp, payload type and revision,
 * payload and metadata, then, for a void, the hash it stands for, and last the hash before it.
 */
public final class CommitChain {

    /** The {@code prev} of the first commit of a chain. */
    public static final String GENESIS = "0".repeat(64);
    static final String PREV = "prev";
    static final String HASH = "hash";
    /**
     * A void fills the indexes of a commit that was lost before it was durable, which the commit after it may already
     * name as its {@code prev}: the void records that hash, so the chain still connects (and says where).
     */
    static final String STANDS_FOR = "standsFor";
    private static final String FORMAT = "social-maturity-commit/1";

    private CommitChain() {
    }

    /** Links a commit document to the hash before it: sets {@code prev} and its own {@code hash}. */
    static Document link(Document commit, String prev) {
        commit.put(PREV, prev);
        commit.put(HASH, hash(commit));
        return commit;
    }

    /** The hash a stored commit should have, from what it holds (its {@code prev} included, its {@code hash} not). */
    public static String hash(Document commit) {
        MessageDigest sha256 = sha256();
        // Written straight into the digest: an append hashes its commit without copying it first.
        try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(),
                sha256))) {
            text(out, FORMAT);
            number(out, commit.get(CommitDocument.ID));
            number(out, commit.get(CommitDocument.LAST));
            text(out, commit.getString(CommitDocument.KEY));
            text(out, commit.getString(CommitDocument.AGGREGATE_ID));
            text(out, commit.getString(CommitDocument.AGGREGATE_TYPE));
            number(out, commit.get(CommitDocument.FIRST_SEQUENCE));
            number(out, commit.get(CommitDocument.LAST_SEQUENCE));
            number(out, commit.getDate(CommitDocument.COMMITTED_AT) == null ? null
                    : commit.getDate(CommitDocument.COMMITTED_AT).getTime());
            List<Document> events = commit.getList(CommitDocument.EVENTS, Document.class, List.of());
            out.writeInt(events.size());
            for (Document event : events) {
                for (String field : CommitDocument.EVENT_FIELDS) {
                    Object value = event.get(field);
                    if (value instanceof Number) {
                        number(out, value);
                    } else {
                        text(out, (String) value);
                    }
                }
            }
            text(out, commit.getString(STANDS_FOR));
            text(out, commit.getString(PREV));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void number(DataOutputStream out, Object value) throws IOException {
        out.writeBoolean(value != null);
        out.writeLong(value == null ? 0 : ((Number) value).longValue());
    }
}
