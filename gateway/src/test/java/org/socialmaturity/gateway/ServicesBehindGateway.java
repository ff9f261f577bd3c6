package org.socialmaturity.gateway;

import java.util.Map;

import org.socialmaturity.testsupport.PlatformProcesses;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real services behind the gateway under test: mongo-java-server and the three services' packaged applications
 * as processes, each requiring the gateway's shared secret. Every gateway test class uses this one resource, so the
 * module starts Quarkus and the services once.
 */
public class ServicesBehindGateway implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = PlatformProcesses.GATEWAY_SECRET;
    public static final String ADMIN_KEY = PlatformProcesses.ADMIN_KEY;
    /** Few, so that a test can use them all. */
    public static final int STREAM_CONNECTIONS = 3;

    private static PlatformProcesses platform;
    private static Map<String, String> urls;

    @Override
    public Map<String, String> start() {
        try {
            platform = new PlatformProcesses();
            urls = platform.startServices(Map.of());
            return Map.ofEntries(
                    Map.entry("quarkus.mongodb.connection-string", platform.mongoUri()),
                    Map.entry("platform.admin-key", ADMIN_KEY),
                    Map.entry("platform.gateway.secret", SECRET),
                    Map.entry("platform.gateway.upstream.assessment", urls.get("assessment")),
                    Map.entry("platform.gateway.upstream.scoring", urls.get("scoring")),
                    Map.entry("platform.gateway.upstream.recommendation", urls.get("recommendation")),
                    Map.entry("platform.gateway.rate-limit.capacity", "100"),
                    Map.entry("platform.gateway.rate-limit.per-second", "50"),
                    Map.entry("platform.gateway.max-body-bytes", "16384"),
                    Map.entry("platform.gateway.upstream-timeout", "3s"),
                    Map.entry("platform.gateway.stream-connections", String.valueOf(STREAM_CONNECTIONS)));
        } catch (Exception e) {
            throw new IllegalStateException("The services did not start", e);
        }
    }

    public static PlatformProcesses platform() {
        return platform;
    }

    /** A service's own URL (assessment, scoring or recommendation), to prove it refuses callers other than the gateway. */
    public static String serviceUrl(String service) {
        return urls.get(service);
    }

    @Override
    public void stop() {
        if (platform != null) {
            platform.close();
        }
    }
}
