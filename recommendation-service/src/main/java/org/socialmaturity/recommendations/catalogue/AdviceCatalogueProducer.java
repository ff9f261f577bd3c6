package org.socialmaturity.recommendations.catalogue;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class AdviceCatalogueProducer {

    /** Loaded once at startup: a catalogue that does not load stops the service from starting. */
    @Produces
    @Singleton
    AdviceCatalogue catalogue() {
        return AdviceCatalogue.load();
    }
}
