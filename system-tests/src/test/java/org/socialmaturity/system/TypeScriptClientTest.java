package org.socialmaturity.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.PlatformProcesses;

/**
 * The TypeScript client (clients/typescript, built before this module) drives the platform as a partner portal would:
 * its Node tests run with Node's own test runner against the gateway and the three services as processes.
 */
class TypeScriptClientTest {

    private static final Path CLIENT = Path.of("..", "clients", "typescript").toAbsolutePath().normalize();
    private static PlatformProcesses platform;
    private static String gateway;

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = new PlatformProcesses();
        Map<String, String> services = platform.startServices(Map.of("PLATFORM_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true"));
        gateway = platform.start("gateway", "gateway", Map.of(
                "ASSESSMENT_SERVICE_URL", services.get("assessment"), "SCORING_SERVICE_URL", services.get("scoring"),
                "RECOMMENDATION_SERVICE_URL", services.get("recommendation")));
    }

    @AfterAll
    static void stopThePlatform() {
        platform.close();
    }

    @Test
    void thePortalWalkthroughPassesThroughTheTypeScriptClient() throws Exception {
        Path log = Files.createTempFile("typescript-client-test", ".log");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "test/webhooks.test.js", "test/walkthrough.test.js")
                .directory(CLIENT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("SMP_GATEWAY_URL", gateway);
        node.environment().put("SMP_ADMIN_KEY", PlatformProcesses.ADMIN_KEY);
        Process run;
        try {
            run = node.start();
        } catch (IOException e) {
            throw new IllegalStateException("Node.js 20 or later (node on the PATH) runs the TypeScript client's tests", e);
        }
        boolean ended = run.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            run.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertEquals(0, ended ? run.exitValue() : -1, "node --test failed:\n" + output);
    }
}
