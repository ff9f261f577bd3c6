package org.socialmaturity.web;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;
import org.socialmaturity.eventstore.AxonRuntime;

public class QuestionnaireCatalogueProducer {

    /**
     * The built-in versions (checked at startup: a broken one stops the service) and those published since, read from
     * the catalogue's own events in the event store, straight from the storage engine (never from a snapshot).
     */
    @Produces
    @Singleton
    QuestionnaireCatalogue catalogue(AxonRuntime axon,
                                     @ConfigProperty(name = "platform.questionnaires.freshness", defaultValue = "1s")
                                     Duration freshness) {
        return QuestionnaireCatalogue.over(known -> axon.storageEngine()
                .readEvents(QuestionnairePublished.CATALOGUE_ID, known).asStream()
                .map(event -> (QuestionnairePublished) event.getPayload()).toList(), freshness);
    }
}
