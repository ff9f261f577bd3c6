package org.socialmaturity.eventstore;

import org.axonframework.config.Configurer;

/**
 * What a service contributes to the shared Axon configuration: its aggregates, projections and their components.
 * Implement it as a CDI bean; {@link AxonRuntime} applies every one before starting Axon. Register plain objects,
 * not CDI client proxies (use {@code @Singleton} beans), so that Axon sees their handler annotations.
 */
public interface AxonModule {

    void configure(Configurer configurer);
}
