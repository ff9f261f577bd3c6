package org.socialmaturity.web;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.socialmaturity.contracts.advice.AdviceCatalogue;

public class AdviceCatalogueProducer {

    /** Loaded once at startup: a catalogue that does not load stops the service from starting. */
    @Produces
    @Singleton
    AdviceCatalogue catalogue() {
        return AdviceCatalogue.load();
    }
}
