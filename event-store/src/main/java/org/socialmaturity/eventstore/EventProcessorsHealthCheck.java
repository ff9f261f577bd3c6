package org.socialmaturity.eventstore;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while every event processor of the service runs and none is stuck in an error. */
@Readiness
@ApplicationScoped
public class EventProcessorsHealthCheck implements HealthCheck {

    private final AxonRuntime axon;

    EventProcessorsHealthCheck(AxonRuntime axon) {
        this.axon = axon;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event-processors").up();
        for (EventProcessor processor : axon.configuration().eventProcessingConfiguration().eventProcessors()
                .values()) {
            boolean healthy = processor.isRunning() && !processor.isError();
            String state = processor.isError() ? "error" : processor.isRunning() ? "running" : "stopped";
            if (processor instanceof TrackingEventProcessor tracking) {
                state += ", " + tracking.processingStatus().size() + " segment(s) claimed";
            }
            response.withData(processor.getName(), state);
            if (!healthy) {
                response.down();
            }
        }
        return response.build();
    }
}
