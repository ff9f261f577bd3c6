package org.socialmaturity.contracts.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal data as events hold it: text sealed with its data subject's key (AES-256-GCM), written
 * {@code sealed:1:<subject reference>:<base64 of nonce and ciphertext>}. The reference is a random id of the key, not
 * the person. Destroying the key (erasure) leaves the text unreadable for good while the event, and the hash chain
 * over it, stay as they are.
 *
 * <p>The nonce is derived from the text (an HMAC under a key of its own, as in SIV), so the same subject sealing the
 * same text writes the same value: an answer sent again with the same note is still the same answer.
 */
public final class SealedText {

    /** What a reader is shown for sealed text whose subject was erased. */
    public static final String ERASED = "erased";
    private static final String PREFIX = "sealed:1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private SealedText() {
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The reference of the key that sealed {@code sealed}. */
    public static String subjectRef(String sealed) {
        int end = sealed.indexOf(':', PREFIX.length());
        if (!isSealed(sealed) || end < 0) {
            throw new IllegalArgumentException("Not sealed text");
        }
        return sealed.substring(PREFIX.length(), end);
    }

    /** Seals {@code text} (null stays null) with the subject's 32-byte key. */
    public static String seal(String text, String subjectRef, byte[] key) {
        if (text == null) {
            return null;
        }
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] nonce = Arrays.copyOf(mac(derive(key, "nonce"), plain), NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive(key, "encrypt"), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(subjectRef.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return PREFIX + subjectRef + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** Opens sealed text with its subject's key; fails when the key is not the one that sealed it. */
    public static String open(String sealed, byte[] key) {
        String ref = subjectRef(sealed);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length() + ref.length() + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive(key, "encrypt"), "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(ref.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Sealed text of " + ref + " does not open with this key", e);
        }
    }

    /** One key per purpose from the subject's key, so that the nonce never reveals the encryption key's output. */
    private static byte[] derive(byte[] key, String purpose) throws GeneralSecurityException {
        return mac(key, purpose.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] mac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
