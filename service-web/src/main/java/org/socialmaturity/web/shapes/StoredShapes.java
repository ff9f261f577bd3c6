package org.socialmaturity.web.shapes;

import jakarta.enterprise.context.ApplicationScoped;

import org.axonframework.config.Configurer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.socialmaturity.contracts.EventShapes;
import org.socialmaturity.eventstore.AxonModule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every service reads events stored in an earlier shape as today's records ({@link EventShapes}): one upcaster, on
 * every read of the store (aggregates, processors, replays, dossiers). The type and revision stay as stored.
 */
@ApplicationScoped
public class StoredShapes implements AxonModule {

    @Override
    public void configure(Configurer configurer) {
        configurer.registerEventUpcaster(c -> new Upcaster());
    }

    private static final class Upcaster extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return EventShapes.mayBeOld(representation.getType().getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            String type = representation.getType().getName();
            return representation.upcastPayload(representation.getType(), JsonNode.class,
                    payload -> payload instanceof ObjectNode object
                            ? EventShapes.upgrade(type, object.deepCopy()) : payload);
        }
    }
}
