package org.socialmaturity.contracts.proof;

import java.nio.charset.StandardCharsets;

/**
 * The platform's signed statement that, at {@code signedAt}, the event store's chain ended at the commit whose last
 * global index is {@code headIndex} and whose hash is {@code headHash}. Everything before that commit is fixed by the
 * chain, so a later rewrite, removal or truncation of the store contradicts a checkpoint someone kept, and the
 * platform cannot have signed a different head for the same index without the two checkpoints showing it.
 *
 * @param signedAt  ISO-8601 instant, as signed
 * @param keyId     the signing key's id ({@link SigningKey#keyIdOf})
 * @param signature Ed25519 signature of {@link #signedContent()}, base64
 */
public record Checkpoint(long headIndex, String headHash, String signedAt, String keyId, String signature) {

    private static final String FORMAT = "social-maturity-checkpoint/1";

    /** The key's checkpoint of a head, signed at {@code at} (kept to the millisecond, as signed). */
    public static Checkpoint sign(SigningKey key, long headIndex, String headHash, java.time.Instant at) {
        Checkpoint unsigned = new Checkpoint(headIndex, headHash,
                at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(), key.keyId(), null);
        return new Checkpoint(headIndex, headHash, unsigned.signedAt, unsigned.keyId, key.sign(unsigned.signedContent()));
    }

    /** The exact bytes signed: a format tag and each field on its own line. */
    public byte[] signedContent() {
        return String.join("\n", FORMAT, Long.toString(headIndex), headHash, signedAt, keyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the signature is the named key's over this checkpoint. */
    public boolean signedBy(java.security.PublicKey key) {
        return keyId.equals(SigningKey.keyIdOf(key)) && SigningKey.verifies(key, signedContent(), signature);
    }
}
