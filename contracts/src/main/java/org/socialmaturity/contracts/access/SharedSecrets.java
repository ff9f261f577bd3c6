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

    /** Shorter than this, a secret is within reach of guessing. */
    public static final int MINIMUM_LENGTH = 16;

    private SharedSecrets() {
    }

    /** What is wrong with these secrets for a production start; empty when nothing is. */
    public static List<String> weaknesses(String adminKey, Optional<String> gatewaySecret) {
        List<String> weaknesses = new ArrayList<>();
        if (adminKey == null || adminKey.isBlank()) {
            weaknesses.add("PLATFORM_ADMIN_KEY (platform.admin-key) is not set");
        } else if (adminKey.strip().equals(DEVELOPMENT_ADMIN_KEY)) {
            weaknesses.add("PLATFORM_ADMIN_KEY (platform.admin-key) is the public development key '"
                    + DEVELOPMENT_ADMIN_KEY + "'");
        } else if (adminKey.length() < MINIMUM_LENGTH) {
            weaknesses.add("PLATFORM_ADMIN_KEY (platform.admin-key) has " + adminKey.length()
                    + " characters, fewer than " + MINIMUM_LENGTH);
        }
        String secret = gatewaySecret.orElse("");
        if (secret.isBlank()) {
            weaknesses.add("PLATFORM_GATEWAY_SECRET (platform.gateway.secret) is not set");
        } else if (secret.length() < MINIMUM_LENGTH) {
            weaknesses.add("PLATFORM_GATEWAY_SECRET (platform.gateway.secret) has " + secret.length()
                    + " characters, fewer than " + MINIMUM_LENGTH);
        }
        return weaknesses;
    }

    /** Why a production process does not start with these weaknesses, as one message naming each and the remedy. */
    public static String refusal(String process, List<String> weaknesses) {
        return process + " does not start in production: " + String.join("; ", weaknesses)
                + ". Set each to a random value of at least " + MINIMUM_LENGTH + " characters, the same for the gateway "
                + "and every service (./platform generates them under data/run; Kubernetes reads them from the "
                + "platform-secrets Secret).";
    }
}
