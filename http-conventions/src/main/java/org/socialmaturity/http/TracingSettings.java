package org.socialmaturity.http;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tracing is one setting: with {@code PLATFORM_OTLP_ENDPOINT} (or {@code -Dplatform.otlp-endpoint}) a process sends its
 * spans over OTLP to that collector; without it OpenTelemetry is off and costs nothing. Ranks above the shared
 * defaults and below {@code application.properties} and the environment, so {@code QUARKUS_OTEL_*} still override it.
 */
public class TracingSettings implements ConfigSource {

    static final String ENDPOINT = "PLATFORM_OTLP_ENDPOINT";

    private final Map<String, String> properties;

    public TracingSettings() {
        String endpoint = System.getProperty("platform.otlp-endpoint", System.getenv(ENDPOINT));
        properties = endpoint == null || endpoint.isBlank()
                ? Map.of("quarkus.otel.sdk.disabled", "true")
                : Map.of("quarkus.otel.sdk.disabled", "false",
                        "quarkus.otel.exporter.otlp.traces.endpoint", endpoint.strip());
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "platform-tracing";
    }

    @Override
    public int getOrdinal() {
        return 106;
    }
}
