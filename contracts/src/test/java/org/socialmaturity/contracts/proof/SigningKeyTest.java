package org.socialmaturity.contracts.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SigningKeyTest {

    @Test
    void theSameSeedGivesTheSameKeyInEveryProcess() {
        String seed = SigningKey.newSeed();

        SigningKey one = SigningKey.fromSeed(seed);
        SigningKey other = SigningKey.fromSeed(seed);

        assertEquals(one.publicKeyBase64(), other.publicKeyBase64());
        assertEquals(one.keyId(), other.keyId());
        assertNotEquals(one.keyId(), SigningKey.fromSeed(SigningKey.newSeed()).keyId());
    }

    @Test
    void aCheckpointVerifiesWithThePublishedKeyAndNotOnceChanged() {
        SigningKey key = SigningKey.fromSeed(SigningKey.newSeed());
        Checkpoint checkpoint = Checkpoint.sign(key, 41, "ab".repeat(32), Instant.parse("2026-11-26T08:00:00.123456Z"));

        assertEquals("2026-11-26T08:00:00.123Z", checkpoint.signedAt());
        assertTrue(checkpoint.signedBy(SigningKey.publicKey(key.publicKeyBase64())));
        Checkpoint moved = new Checkpoint(42, checkpoint.headHash(), checkpoint.signedAt(), checkpoint.keyId(),
                checkpoint.signature());
        assertFalse(moved.signedBy(key.publicKey()));
        assertFalse(checkpoint.signedBy(SigningKey.throwaway().publicKey()));
    }

    @Test
    void aSeedThatIsNot32BytesOfBase64IsRefusedSayingWhatItMustBe() {
        IllegalArgumentException shortSeed = assertThrows(IllegalArgumentException.class,
                () -> SigningKey.fromSeed("c2hvcnQ="));
        assertTrue(shortSeed.getMessage().contains("32 random bytes"), shortSeed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SigningKey.fromSeed("not base64!"));
    }
}
