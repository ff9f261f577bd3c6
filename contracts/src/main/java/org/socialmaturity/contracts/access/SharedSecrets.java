package org.socialmaturity.contracts.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two secrets the gateway and the services share: the operator's key ({@code PLATFORM_ADMIN_KEY}) and the
 * gateway's secret ({@code PLATFORM_GATEWAY_SECRET}). A packaged service or gateway refuses to start while either is
 * one that an attacker could know or guess, so a forgotten setting fails closed instead of opening the platform.
 */
public final class SharedSecrets {

    /** The operator key a developer's laptop and the services' own tests use; public, so never good in production. */
    public static final String DEVELOPMENT_ADMIN_KEY = "local-admin-key";

    /** What the local overlay's public placeholder secrets spell, so that a copy of them cannot pass for real. */
    public static final String DEVELOPMENT_MARK = "DEVELOPMENT-ONLY";

    /** Shorter than this, a secret is within reach of guessing. */
    public static final int MINIMUM_LENGTH = 16;

    private SharedSecrets() {
    }

    /**
     * What is wrong with these secrets for a production start; empty when nothing is. The placeholders of the local
     * Kubernetes overlay (public, they spell {@value #DEVELOPMENT_MARK}) pass only where {@code developmentAllowed}.
     */
    public static List<String> weaknesses(String adminKey, Optional<String> gatewaySecret,
                                          boolean developmentAllowed) {
        List<String> weaknesses = new ArrayList<>();
        String key = adminKey == null ? "" : adminKey.strip();
        String secret = gatewaySecret.orElse("").strip();
        if (key.isEmpty()) {
            weaknesses.add("PLATFORM_ADMIN_KEY (platform.admin-key) is not set");
        } else if (key.equals(DEVELOPMENT_ADMIN_KEY)) {
            weaknesses.add("PLATFORM_ADMIN_KEY (platform.admin-key) is the public development key '"
                    + DEVELOPMENT_ADMIN_KEY + "'");
        } else {
            weaknesses.addAll(guessable("PLATFORM_ADMIN_KEY (platform.admin-key)", key, developmentAllowed));
        }
        if (secret.isEmpty()) {
            weaknesses.add("PLATFORM_GATEWAY_SECRET (platform.gateway.secret) is not set");
        } else {
            weaknesses.addAll(guessable("PLATFORM_GATEWAY_SECRET (platform.gateway.secret)", secret,
                    developmentAllowed));
        }
        if (!key.isEmpty() && key.equals(secret)) {
            // Every service holds the gateway's secret: the operator's key would be as widely known.
            weaknesses.add("PLATFORM_ADMIN_KEY and PLATFORM_GATEWAY_SECRET are the same");
        }
        return weaknesses;
    }

    private static List<String> guessable(String name, String value, boolean developmentAllowed) {
        if (value.length() < MINIMUM_LENGTH) {
            return List.of(name + " has " + value.length() + " characters, fewer than " + MINIMUM_LENGTH);
        }
        if (!developmentAllowed && value.contains(DEVELOPMENT_MARK)) {
            return List.of(name + " is a published development placeholder (it says " + DEVELOPMENT_MARK + ")");
        }
        return List.of();
    }

    /** Why a production process does not start with these weaknesses, as one message naming each and the remedy. */
    public static String refusal(String process, List<String> weaknesses) {
        return process + " does not start in production: " + String.join("; ", weaknesses)
                + ". Set each to a random value of at least " + MINIMUM_LENGTH + " characters, the same for the gateway "
                + "and every service (./platform generates them under data/run; Kubernetes reads them from the "
                + "platform-secrets Secret).";
    }
}
