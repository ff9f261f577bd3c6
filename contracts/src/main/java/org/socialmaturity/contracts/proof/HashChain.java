package org.socialmaturity.contracts.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The rules of the hash chain over the event store, shared by the platform (which appends and checks it) and the
 * offline verifier (which checks a dossier): a commit's hash is the SHA-256 of its content hash and the hash of the
 * commit before it in global order, so changing, removing or reordering a stored commit breaks the chain there.
 */
public final class HashChain {

    /** The {@code prev} of the first commit of a chain. */
    public static final String GENESIS = "0".repeat(64);
    private static final String LINK_FORMAT = "social-maturity-link/1";

    private HashChain() {
    }

    /** A commit's hash from its content hash and the hash it names as the one before it. */
    public static String link(String contentHash, String prev) {
        MessageDigest sha256 = sha256();
        sha256.update(LINK_FORMAT.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        sha256.update(contentHash.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        sha256.update(String.valueOf(prev).getBytes(StandardCharsets.US_ASCII));
        return hex(sha256.digest());
    }

    /**
     * Whether a commit naming {@code prev} follows the commit before it. After a void, the writer may have named the
     * hash of the commit the void replaced ({@code standsFor}), or, when the void's indexes were never written, any
     * hash it could not check: the chain runs through voids, and the check lists them.
     *
     * @param hashBefore   the hash of the commit right before (null when there is none yet: then only genesis
     *                     follows)
     * @param beforeIsVoid whether that commit is a void
     * @param standsFor    what that void stands for (null when unknown or not a void)
     */
    public static boolean follows(String prev, String hashBefore, boolean beforeIsVoid, String standsFor) {
        if (hashBefore == null) {
            return GENESIS.equals(prev);
        }
        if (prev == null) {
            return beforeIsVoid;
        }
        return prev.equals(hashBefore) || prev.equals(standsFor);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The SHA-256 of some bytes, in lower-case hex. */
    public static String sha256Hex(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    /** A hash's bytes in lower-case hex, as proofs and checkpoints write it. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A hash written in hex, as its bytes. */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
