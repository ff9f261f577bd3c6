package org.socialmaturity.recommendations.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    private final SecretBox box = new SecretBox(KEY);

    @Test
    void aSealedSecretOpensForItsSubscriptionUnderItsKeyAndShowsNothingOfIt() {
        String sealed = box.seal("sub-1", "a-long-random-shared-secret");
        assertTrue(SecretBox.isSealed(sealed));
        assertFalse(sealed.contains("shared-secret"));
        assertEquals("a-long-random-shared-secret", box.open("sub-1", sealed));
        assertNotEquals(sealed, box.seal("sub-1", "a-long-random-shared-secret"), "a fresh nonce every time");
    }

    @Test
    void aSecretDoesNotOpenUnderAnotherKeyForAnotherSubscriptionOrAltered() {
        String sealed = box.seal("sub-1", "a-long-random-shared-secret");
        assertThrows(IllegalStateException.class, () -> new SecretBox(OTHER_KEY).open("sub-1", sealed));
        assertThrows(IllegalStateException.class, () -> box.open("sub-2", sealed));
        String prefix = sealed.substring(0, sealed.lastIndexOf(':') + 1);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(prefix.length()));
        bytes[bytes.length / 2] ^= 1;
        String altered = prefix + Base64.getEncoder().encodeToString(bytes);
        assertThrows(IllegalStateException.class, () -> box.open("sub-1", altered));
    }

    @Test
    void aSecretStoredBeforeSealingIsReadAsItWas() {
        assertEquals("stored-in-the-clear-long-ago", box.open("sub-1", "stored-in-the-clear-long-ago"));
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox("not base64 at all!"));
    }
}
