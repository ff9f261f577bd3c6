package org.socialmaturity.contracts.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.proof.StoredCommit.StoredEvent;

/**
 * A commit's hash is a published format: dossiers handed to auditors carry hashes, and a verifier of any later version
 * must recompute the same ones. The expected values below were computed when format 2 was introduced; a change of the
 * encoding (field order, lengths, byte order, text encoding) fails here before it reaches a store.
 */
class StoredCommitTest {

    private static final StoredCommit COMMIT = new StoredCommit(7, 8, "Assessment/a-1/3", "a-1", "Assessment", 3L, 4L,
            1795000000000L,
            List.of(new StoredEvent("e-1", 3, "2026-11-27T00:00:00Z", "org.x.AnswerRecorded", null,
                            "{\"answer\":\"ñ\"}", "{}"),
                    new StoredEvent("e-2", 4, "2026-11-27T00:00:01Z", "org.x.AnswerRecorded", "2", "{}", null)),
            null, HashChain.GENESIS, null);

    @Test
    void aCommitHashesAsFormatTwoAlwaysDid() {
        assertEquals("a754e28e18abf66111d08e1078ae745b01d662e5d87329f65ac5e626ecb2ddc4", COMMIT.contentHash());
        assertEquals("1b42a2c2dfa82521ff0ab31b342ca391c7e7861a306e0e05b7a35aaadd04e5ea", COMMIT.expectedHash());
    }

    @Test
    void aVoidHashesWhatItStandsFor() {
        StoredCommit voidCommit = new StoredCommit(9, 11, "void/9", null, null, null, null, 1795000000000L, List.of(),
                "ab".repeat(32), null, null);

        assertEquals("f38611e0451b02c6563831a9e3dbadd6f8862f6522acdb4a7034694fd7559329", voidCommit.contentHash());
    }

    @Test
    void aPayloadLargerThanTheFirstBufferIsHashedWhole() {
        String large = "x".repeat(5000);
        StoredCommit one = withPayload(large + "a");
        StoredCommit other = withPayload(large + "b");

        assertNotEquals(one.contentHash(), other.contentHash());
        assertEquals(one.contentHash(), withPayload(large + "a").contentHash());
    }

    private static StoredCommit withPayload(String payload) {
        return new StoredCommit(0, 0, "k", "a", "A", 0L, 0L, 0L,
                List.of(new StoredEvent("e", 0, "t", "T", null, payload, "{}")), null, HashChain.GENESIS, null);
    }
}
