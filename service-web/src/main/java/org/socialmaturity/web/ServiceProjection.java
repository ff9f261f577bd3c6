package org.socialmaturity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialmaturity.contracts.rules.NotFound;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.web.readmodel.ReadModelGenerations;
import org.socialmaturity.web.readmodel.ReadModelSlots;

/**
 * The service's projections as the operator API names them: {@code /api/v1/admin/projections/{service}/...} reaches
 * the service's read model and its processors; another service's name answers 404, so that behind the gateway each
 * path reaches the service it names.
 */
@Singleton
public class ServiceProjection {

    private final String service;
    private final ReadModelSlots slots;
    private final AxonRuntime axon;

    ServiceProjection(@ConfigProperty(name = "platform.projection.service") String service, ReadModelSlots slots,
                      AxonRuntime axon) {
        this.service = service;
        this.slots = slots;
        this.axon = axon;
    }

    /** The read model this service serves. */
    public String readModel() {
        return slots.readModels().get(0);
    }

    /** @return the read model behind {@code name}; @throws NotFound for another service's name */
    public String readModelOf(String name) {
        requireService(name);
        return readModel();
    }

    /** The processor keeping the read model partners read up to date. */
    public String currentProcessor() {
        return slots.currentProcessor(readModel());
    }

    /**
     * Every processor whose events matter now: the service's decision processors, the current read-model slot and,
     * during a rebuild, the other slot; a free slot's leftovers are not the operator's concern.
     */
    public List<String> processors(String name) {
        requireService(name);
        List<String> processors = new ArrayList<>();
        Set<String> slotProcessors = Set.copyOf(ReadModelGenerations.SLOTS.stream()
                .map(slot -> ReadModelSlots.processorName(readModel(), slot)).toList());
        for (String processor : axon.configuration().eventProcessingConfiguration().eventProcessors().keySet()) {
            if (!slotProcessors.contains(processor)) {
                processors.add(processor);
            }
        }
        processors.addAll(slots.processorsInUse(readModel()));
        return processors;
    }

    private void requireService(String name) {
        if (!service.equals(name)) {
            throw new NotFound("Projection service", name);
        }
    }
}
