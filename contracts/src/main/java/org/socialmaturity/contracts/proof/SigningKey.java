package org.socialmaturity.contracts.proof;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The platform's Ed25519 key for checkpoints and dossiers, made from a 32-byte seed (the secret an operator keeps:
 * random bytes, base64, which any shell can generate). The public key is published as base64 X.509
 * (SubjectPublicKeyInfo) and named by its key id, the first 16 hex digits of its SHA-256.
 */
public final class SigningKey {

    public static final String ALGORITHM = "Ed25519";
    private static final int SEED_BYTES = 32;

    private final KeyPair pair;

    private SigningKey(KeyPair pair) {
        this.pair = pair;
    }

    /** The key whose seed is {@code seedBase64} (32 bytes, base64). */
    public static SigningKey fromSeed(String seedBase64) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(seedBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The signing key must be 32 random bytes in base64: it is not base64");
        }
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("The signing key must be 32 random bytes in base64, not "
                    + seed.length + " bytes");
        }
        return new SigningKey(generate(new SeedAsRandom(seed)));
    }

    /** A key of its own, for a process that was given none outside production. */
    public static SigningKey throwaway() {
        return new SigningKey(generate(new SecureRandom()));
    }

    /** A new seed, base64: what an operator puts in the signing-key secret. */
    public static String newSeed() {
        byte[] seed = new byte[SEED_BYTES];
        new SecureRandom().nextBytes(seed);
        return Base64.getEncoder().encodeToString(seed);
    }

    public String keyId() {
        return keyIdOf(pair.getPublic());
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** The public key as base64 X.509, what a verifier is given. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** The Ed25519 signature of {@code content}, base64. */
    public String sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(pair.getPrivate());
            signature.update(content);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static String keyIdOf(PublicKey key) {
        return HashChain.sha256Hex(key.getEncoded()).substring(0, 16);
    }

    /** A public key from base64 X.509, as {@link #publicKeyBase64()} gives it. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key in base64 X.509: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signatureBase64} is {@code key}'s signature of {@code content}; false for a malformed one. */
    public static boolean verifies(PublicKey key, byte[] content, String signatureBase64) {
        if (signatureBase64 == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(content);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java 17 runtime has Ed25519", e);
        }
    }

    /**
     * The JDK derives an Ed25519 key pair from the 32 bytes its generator draws (RFC 8032 §5.1.5) and offers no other
     * way to get the public key of a given private key: drawing the seed is that way.
     */
    private static final class SeedAsRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("The Ed25519 generator drew " + bytes.length + " bytes, not 32");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
