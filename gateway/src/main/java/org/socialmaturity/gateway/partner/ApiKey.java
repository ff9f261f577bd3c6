package org.socialmaturity.gateway.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partner's API key, {@code smk_<keyId>.<secret>}: the key id finds the stored key by equality (indexed on any
 * MongoDB), the 256-bit secret proves it. Only the secret's SHA-256 is stored. A slow password hash would add
 * nothing here: the secret is random, not chosen by a person, so there is no dictionary to try.
 */
public record ApiKey(String keyId, String secret) {

    public static final String HEADER = "X-API-Key";

    private static final Pattern FORMAT = Pattern.compile("smk_([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKey generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ApiKey(HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Empty for anything that is not a key's shape, so garbage never reaches the database. */
    public static Optional<ApiKey> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(presented.strip());
        return matcher.matches() ? Optional.of(new ApiKey(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public String value() {
        return "smk_" + keyId + "." + secret;
    }

    public String secretHash() {
        return hash(secret);
    }

    /** Constant time, so that timing does not tell how much of a guess was right. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(secretHash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[" + keyId + "]";
    }
}
