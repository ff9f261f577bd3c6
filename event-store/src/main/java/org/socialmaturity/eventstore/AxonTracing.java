package org.socialmaturity.eventstore;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.DefaultEventProcessorSpanFactory;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.tracing.attributes.AggregateIdentifierSpanAttributesProvider;
import org.axonframework.tracing.attributes.MessageIdSpanAttributesProvider;
import org.axonframework.tracing.attributes.MessageNameSpanAttributesProvider;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;

/**
 * Axon's spans on the platform's OpenTelemetry, when tracing is on ({@code PLATFORM_OTLP_ENDPOINT}): a command's
 * handling and the events it appends join the request's trace, each event carries that trace's context in its
 * metadata, and the processors of every service continue it when they handle the event, however much later and in
 * whichever process. Off, Axon keeps its no-op spans and events carry nothing.
 */
@Singleton
public class AxonTracing implements AxonModule {

    /** How old an event may be for its handling to join the trace that appended it, rather than only link to it. */
    private static final Duration SAME_TRACE_WITHIN = Duration.ofMinutes(10);

    private final OpenTelemetry openTelemetry;
    private final boolean disabled;

    AxonTracing(OpenTelemetry openTelemetry,
                @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true") boolean disabled) {
        this.openTelemetry = openTelemetry;
        this.disabled = disabled;
    }

    @Override
    public void configure(Configurer configurer) {
        if (disabled) {
            return;
        }
        configurer.configureSpanFactory(c -> OpenTelemetrySpanFactory.builder()
                        .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                        .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                        .addSpanAttributeProviders(List.of(new MessageIdSpanAttributesProvider(),
                                new MessageNameSpanAttributesProvider(),
                                new AggregateIdentifierSpanAttributesProvider()))
                        .build())
                .registerComponent(EventProcessorSpanFactory.class, c -> DefaultEventProcessorSpanFactory.builder()
                        .spanFactory(c.spanFactory())
                        .distributedInSameTrace(true)
                        .distributedInSameTraceTimeLimit(SAME_TRACE_WITHIN)
                        .build());
    }
}
