package org.socialmaturity.web.readmodel;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * A rebuild's progress for dashboards: the generation partners read, and the events a running rebuild has still to
 * read (0 when none runs), per read model. Read from the same state the operator's rebuild endpoint answers from.
 */
@Singleton
class RebuildMetrics {

    private final ReadModelSlots slots;
    private final MeterRegistry meters;

    RebuildMetrics(ReadModelSlots slots, MeterRegistry meters) {
        this.slots = slots;
        this.meters = meters;
    }

    void register(@Observes @Priority(20) StartupEvent event) {
        for (String readModel : slots.readModels()) {
            Gauge.builder("platform.read_model.generation", slots, s -> s.status(readModel).currentGeneration())
                    .description("The generation of the read model that partners read")
                    .tag("read_model", readModel)
                    .register(meters);
            Gauge.builder("platform.read_model.rebuild.remaining", slots, s -> remaining(s.status(readModel)))
                    .description("Events a running rebuild of the read model has still to read; 0 when none runs")
                    .tag("read_model", readModel)
                    .register(meters);
        }
    }

    private static double remaining(RebuildStatus status) {
        return status.state() == RebuildState.REBUILDING ? Math.max(0, status.total() - status.processed()) : 0;
    }
}
