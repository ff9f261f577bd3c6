package org.socialmaturity.web;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's projection as the operator API names it: {@code /api/v1/admin/projections/{service}/...} reaches the
 * service's processor ({@code platform.replay.processor}); another service's name answers 404, so that behind the
 * gateway each path reaches the service it names.
 */
@Singleton
public class ServiceProjection {

    private final String service;
    private final String processor;

    ServiceProjection(@ConfigProperty(name = "platform.replay.service") String service,
                      @ConfigProperty(name = "platform.replay.processor") String processor) {
        this.service = service;
        this.processor = processor;
    }

    /** The processor whose read models this service serves. */
    public String processor() {
        return processor;
    }

    /** @return the processor behind {@code name}; @throws ApiProblem 404 for another service's name */
    public String processorOf(String name) {
        if (!service.equals(name)) {
            throw ApiProblem.notFound("Projection service", name);
        }
        return processor;
    }
}
