package org.socialmaturity.contracts.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SharedSecretsTest {

    private static final String GOOD_KEY = "k2V9qf3LwTzX0pR7aB1c";
    private static final String GOOD_SECRET = "Zq8mN4vR2sT6wY0xA3bD";

    @Test
    void randomSecretsOfSixteenCharactersOrMoreAreAccepted() {
        assertEquals(List.of(), SharedSecrets.weaknesses(GOOD_KEY, Optional.of(GOOD_SECRET), false));
        assertEquals(List.of(), SharedSecrets.weaknesses("0123456789abcdef", Optional.of("fedcba9876543210"), false));
    }

    @Test
    void theDevelopmentKeyAMissingKeyOrAShortKeyIsRefused() {
        assertEquals(List.of("PLATFORM_ADMIN_KEY (platform.admin-key) is the public development key 'local-admin-key'"),
                SharedSecrets.weaknesses("local-admin-key", Optional.of(GOOD_SECRET), false));
        assertEquals(List.of("PLATFORM_ADMIN_KEY (platform.admin-key) is not set"),
                SharedSecrets.weaknesses(" ", Optional.of(GOOD_SECRET), false));
        assertEquals(List.of("PLATFORM_ADMIN_KEY (platform.admin-key) has 15 characters, fewer than 16"),
                SharedSecrets.weaknesses("0123456789abcde", Optional.of(GOOD_SECRET), false));
    }

    @Test
    void aMissingOrShortGatewaySecretIsRefusedAlongsideABadKey() {
        assertEquals(List.of("PLATFORM_GATEWAY_SECRET (platform.gateway.secret) is not set"),
                SharedSecrets.weaknesses(GOOD_KEY, Optional.empty(), false));
        assertEquals(List.of("PLATFORM_ADMIN_KEY (platform.admin-key) is the public development key 'local-admin-key'",
                        "PLATFORM_GATEWAY_SECRET (platform.gateway.secret) has 6 characters, fewer than 16"),
                SharedSecrets.weaknesses("local-admin-key", Optional.of("secret"), false));
    }

    @Test
    void publishedPlaceholdersPaddedKeysAndOneValueForBothAreRefused() {
        String placeholder = "local-admin-key-DEVELOPMENT-ONLY";
        assertEquals(List.of("PLATFORM_ADMIN_KEY (platform.admin-key) is a published development placeholder (it says "
                        + "DEVELOPMENT-ONLY)"), SharedSecrets.weaknesses(placeholder, Optional.of(GOOD_SECRET), false));
        assertEquals(List.of(), SharedSecrets.weaknesses(placeholder, Optional.of(GOOD_SECRET), true),
                "where the local overlay allows them");
        assertEquals(List.of("PLATFORM_ADMIN_KEY (platform.admin-key) has 3 characters, fewer than 16"),
                SharedSecrets.weaknesses("              abc", Optional.of(GOOD_SECRET), false));
        assertEquals(List.of("PLATFORM_ADMIN_KEY and PLATFORM_GATEWAY_SECRET are the same"),
                SharedSecrets.weaknesses(GOOD_KEY, Optional.of(GOOD_KEY), false));
    }

    @Test
    void theRefusalNamesTheProcessEachWeaknessAndTheRemedy() {
        String refusal = SharedSecrets.refusal("gateway", List.of("A is not set", "B is short"));
        assertTrue(refusal.startsWith("gateway does not start in production: A is not set; B is short."), refusal);
        assertTrue(refusal.contains("at least 16 characters"), refusal);
    }
}
