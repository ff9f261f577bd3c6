package org.socialmaturity.contracts.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One commit of the event store exactly as it is stored: the events one unit of work appended for one aggregate, at
 * global indexes {@code [first, last]}, with its place in the hash chain ({@code prev}, {@code hash}). A commit without
 * events is a void: indexes whose commit was lost before it was durable, or a hole a legacy store left; it records the
 * hash the commit after it names ({@code standsFor}) when that commit knew the lost one.
 *
 * <p>The platform and the offline verifier both hash through this record, so they cannot disagree on what a commit's
 * content is. The content hash covers every stored field but the chain's own ({@link #contentHash()}); the commit's
 * hash binds that to the hash before it ({@link HashChain#link}), so a proof can name a commit by its content hash
 * without showing its content.
 */
public record StoredCommit(
        long first,
        long last,
        String key,
        String aggregateId,
        String aggregateType,
        Long firstSequence,
        Long lastSequence,
        Long committedAt,
        List<StoredEvent> events,
        String standsFor,
        String prev,
        String hash) {

    private static final String FORMAT = "social-maturity-commit/2";

    public StoredCommit {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** One event as stored: payload and metadata are the serialized JSON text, hashed as such. */
    public record StoredEvent(String id, long sequence, String timestamp, String payloadType, String payloadRevision,
                              String payload, String metaData) {
    }

    @JsonIgnore
    public boolean isVoid() {
        return events.isEmpty();
    }

    /** Whether the commit was written before the chain existed (it has no hash). */
    @JsonIgnore
    public boolean unchained() {
        return hash == null;
    }

    /**
     * The SHA-256 of the commit's canonical content: a fixed sequence of its fields, each written with its length (so
     * no two commits encode alike): format tag, first and last global index, stream key, aggregate id and type, first
     * and last sequence, commit time in milliseconds, then each event's id, sequence, timestamp, payload type and
     * revision, payload and metadata, and last, for a void, the hash it stands for.
     */
    public String contentHash() {
        Encoding out = new Encoding();
        out.text(FORMAT);
        out.number(first);
        out.number(last);
        out.text(key);
        out.text(aggregateId);
        out.text(aggregateType);
        out.number(firstSequence);
        out.number(lastSequence);
        out.number(committedAt);
        out.count(events.size());
        for (StoredEvent event : events) {
            out.text(event.id());
            out.number(event.sequence());
            out.text(event.timestamp());
            out.text(event.payloadType());
            out.text(event.payloadRevision());
            out.text(event.payload());
            out.text(event.metaData());
        }
        out.text(standsFor);
        return HashChain.hex(out.sha256());
    }

    /** The hash this commit should have from what it holds and the {@code prev} it names. */
    public String expectedHash() {
        return HashChain.link(contentHash(), prev);
    }

    /** The commit as a link of a proof: enough to follow the chain through it without its content. */
    public ChainLink toLink() {
        return new ChainLink(first, last, isVoid(), standsFor, hash == null ? null : contentHash(), prev, hash);
    }

    /**
     * The canonical encoding, built in one buffer and hashed in one call (the digest is slow fed a byte at a time, and
     * the writer hashes every commit it appends): a text as its UTF-8 length (-1 for none) and bytes, a number as a
     * presence byte and eight bytes, big-endian.
     */
    private static final class Encoding {
        private ByteBuffer buffer = ByteBuffer.allocate(1024);

        void text(String value) {
            if (value == null) {
                count(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            room(Integer.BYTES + utf8.length).putInt(utf8.length).put(utf8);
        }

        void number(Long value) {
            room(1 + Long.BYTES).put((byte) (value == null ? 0 : 1)).putLong(value == null ? 0 : value);
        }

        void count(int value) {
            room(Integer.BYTES).putInt(value);
        }

        byte[] sha256() {
            MessageDigest digest = HashChain.sha256();
            digest.update(buffer.array(), 0, buffer.position());
            return digest.digest();
        }

        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                buffer = larger.put(buffer);
            }
            return buffer;
        }
    }
}
