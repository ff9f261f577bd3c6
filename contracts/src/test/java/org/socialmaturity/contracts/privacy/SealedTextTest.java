package org.socialmaturity.contracts.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class SealedTextTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void sealedTextOpensWithItsSubjectsKeyOnlyAndHidesThePerson() {
        byte[] maria = key();
        String sealed = SealedText.seal("María Pérez <maria@portal.example>", "ref-1", maria);

        assertTrue(SealedText.isSealed(sealed));
        assertFalse(sealed.contains("maria"), sealed);
        assertEquals("ref-1", SealedText.subjectRef(sealed));
        assertEquals("María Pérez <maria@portal.example>", SealedText.open(sealed, maria));
        assertThrows(IllegalArgumentException.class, () -> SealedText.open(sealed, key()));
    }

    @Test
    void theSameSubjectSealingTheSameTextWritesTheSameValueAndAnotherTextAnother() {
        byte[] key = key();

        assertEquals(SealedText.seal("Confirmado", "ref-1", key), SealedText.seal("Confirmado", "ref-1", key));
        assertNotEquals(SealedText.seal("Confirmado", "ref-1", key), SealedText.seal("Confirmada", "ref-1", key));
        assertNotEquals(SealedText.seal("Confirmado", "ref-1", key), SealedText.seal("Confirmado", "ref-2", key()));
    }

    @Test
    void aValueMovedToAnotherSubjectsReferenceDoesNotOpen() {
        byte[] key = key();
        String sealed = SealedText.seal("nota", "ref-1", key);

        assertThrows(IllegalArgumentException.class, () -> SealedText.open(sealed.replace("ref-1", "ref-2"), key));
    }
}
