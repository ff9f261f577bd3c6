package org.socialmaturity.eventstore;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Prometheus metrics of every service's event processing: the head of the event store, each processor's position
 * and lag on this replica, and the events each processor handled.
 */
@ApplicationScoped
public class ProcessorMetrics implements AxonModule {

    private final MeterRegistry meters;

    ProcessorMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.eventProcessing().registerDefaultHandlerInterceptor((c, processor) -> handledCounter(processor));
    }

    void registerGauges(@Observes @Priority(20) StartupEvent event, AxonRuntime axon, AxonSettings settings) {
        Gauge.builder("platform.eventstore.head", axon, a -> a.storageEngine().headIndex())
                .description("The last global index written in the event store")
                .register(meters);
        for (String processor : axon.configuration().eventProcessingConfiguration().eventProcessors().keySet()) {
            Gauge.builder("platform.processor.position", axon,
                            a -> a.progress(processor).map(p -> (double) p.position().orElse(-1)).orElse(Double.NaN))
                    .description("The lowest global index the processor's claimed segments handled on this replica")
                    .tag("processor", processor)
                    .register(meters);
            // A read-model slot no generation uses is stopped on purpose, and a replica may claim none of a processor's
            // segments (more replicas than segments): neither is behind, so neither reports a lag (nor alerts).
            Gauge.builder("platform.processor.lag", axon, a -> a.onStandby(processor) ? Double.NaN
                            : a.progress(processor).filter(p -> p.claimedSegments() > 0).map(p -> (double) p.lag())
                            .orElse(Double.NaN))
                    .description("Events between the processor's slowest claimed segment and the head; NaN for a "
                            + "read-model slot on standby or a replica that claims no segment")
                    .tag("processor", processor)
                    .register(meters);
            // Per segment, for the segments the processor starts with (they are not split later): the lag of each one
            // this replica claims, nothing (NaN) for the others, so that replicas together show every segment.
            for (int segment = 0; segment < settings.processor().initialSegments(); segment++) {
                int id = segment;
                Gauge.builder("platform.processor.segment.lag", axon, a -> a.segmentLag(processor, id).orElse(Double.NaN))
                        .description("Events between one claimed segment of the processor and the head; NaN where "
                                + "another replica claims it")
                        .tag("processor", processor)
                        .tag("segment", String.valueOf(id))
                        .register(meters);
            }
            // Only the count: the other gauges' full progress would walk to the head of the store once more.
            Gauge.builder("platform.dead.letters", axon, a -> a.deadLetters(processor))
                    .description("Events parked in the processor's dead-letter queue (retrying or waiting for the "
                            + "operator), including those waiting behind an older one of their company")
                    .tag("processor", processor)
                    .register(meters);
        }
    }

    private MessageHandlerInterceptor<EventMessage<?>> handledCounter(String processor) {
        Counter handled = Counter.builder("platform.processor.events.handled")
                .description("Events an event processor handled without error")
                .tag("processor", processor)
                .register(meters);
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            handled.increment();
            return result;
        };
    }
}
