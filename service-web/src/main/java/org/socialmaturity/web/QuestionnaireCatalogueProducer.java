package org.socialmaturity.web;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;

public class QuestionnaireCatalogueProducer {

    /** Loaded and checked once at startup: a broken catalogue stops the service from starting. */
    @Produces
    @Singleton
    QuestionnaireCatalogue catalogue() {
        return QuestionnaireCatalogue.load();
    }
}
