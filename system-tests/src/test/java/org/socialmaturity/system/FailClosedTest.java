package org.socialmaturity.system;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.PlatformProcesses;
import org.socialmaturity.testsupport.PlatformProcesses.Exited;

/**
 * The packaged services and gateway (the production profile) refuse to start with a secret an attacker could know:
 * the public development admin key, a short one, or no gateway secret (which would let anyone say which partner
 * calls). A forgotten setting stops the process; it never opens the platform.
 */
class FailClosedTest {

    private static PlatformProcesses platform;

    @BeforeAll
    static void startMongo() throws Exception {
        platform = new PlatformProcesses();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aServiceDoesNotStartWithThePublicDevelopmentAdminKey() throws Exception {
        Exited assessment = platform.startExpectingExit("assessment-service", "assessment-service-default-key",
                Map.of("PLATFORM_ADMIN_KEY", "local-admin-key"));

        assertNotEquals(0, assessment.code());
        assertTrue(assessment.log().contains("assessment-service does not start in production: PLATFORM_ADMIN_KEY "
                + "(platform.admin-key) is the public development key 'local-admin-key'"), assessment.log());
    }

    @Test
    void aServiceDoesNotStartWithoutTheGatewaySecretNorWithAShortAdminKey() throws Exception {
        Exited scoring = platform.startExpectingExit("scoring-service", "scoring-service-no-secret",
                Map.of("PLATFORM_GATEWAY_SECRET", "", "PLATFORM_ADMIN_KEY", "short-key"));

        assertNotEquals(0, scoring.code());
        assertTrue(scoring.log().contains("scoring-service does not start in production: PLATFORM_ADMIN_KEY "
                + "(platform.admin-key) has 9 characters, fewer than 16; PLATFORM_GATEWAY_SECRET "
                + "(platform.gateway.secret) is not set"), scoring.log());
    }

    @Test
    void aServiceThatSignsCheckpointsDoesNotStartWithoutItsSigningKey() throws Exception {
        Exited scoring = platform.startExpectingExit("scoring-service", "scoring-service-no-signing-key",
                Map.of("PLATFORM_CHECKPOINTS_SIGNING_KEY", ""));

        assertNotEquals(0, scoring.code());
        assertTrue(scoring.log().contains("PLATFORM_CHECKPOINTS_SIGNING_KEY is not set: checkpoints cannot be "
                + "signed"), scoring.log());
    }

    @Test
    void theGatewayDoesNotStartWithoutItsSecret() throws Exception {
        Exited gateway = platform.startExpectingExit("gateway", "gateway-no-secret",
                Map.of("PLATFORM_GATEWAY_SECRET", ""));

        assertNotEquals(0, gateway.code());
        assertTrue(gateway.log().contains("gateway does not start in production: PLATFORM_GATEWAY_SECRET "
                + "(platform.gateway.secret) is not set"), gateway.log());
    }
}
