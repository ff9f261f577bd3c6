package org.socialmaturity.eventstore;

import jakarta.enterprise.context.ApplicationScoped;

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
        for (ProcessorProgress progress : axon.progress()) {
            if (axon.onStandby(progress.processor()) && !progress.running()) {
                response.withData(progress.processor(), "standby");
                continue;
            }
            response.withData(progress.processor(), progress.describe());
            if (!progress.running() || progress.error()) {
                response.down();
            }
        }
        return response.build();
    }
}
