package org.socialmaturity.contracts.proof;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
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
        MessageDigest sha256 = HashChain.sha256();
        // Written straight into the digest, field by field: no encoded copy of the commit is made.
        try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(),
                sha256))) {
            text(out, FORMAT);
            number(out, first);
            number(out, last);
            text(out, key);
            text(out, aggregateId);
            text(out, aggregateType);
            number(out, firstSequence);
            number(out, lastSequence);
            number(out, committedAt);
            out.writeInt(events.size());
            for (StoredEvent event : events) {
                text(out, event.id());
                number(out, event.sequence());
                text(out, event.timestamp());
                text(out, event.payloadType());
                text(out, event.payloadRevision());
                text(out, event.payload());
                text(out, event.metaData());
            }
            text(out, standsFor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HashChain.hex(sha256.digest());
    }

    /** The hash this commit should have from what it holds and the {@code prev} it names. */
    public String expectedHash() {
        return HashChain.link(contentHash(), prev);
    }

    /** The commit as a link of a proof: enough to follow the chain through it without its content. */
    public ChainLink toLink() {
        return new ChainLink(first, last, isVoid(), standsFor, hash == null ? null : contentHash(), prev, hash);
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

    private static void number(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        out.writeLong(value == null ? 0 : value);
    }
}
