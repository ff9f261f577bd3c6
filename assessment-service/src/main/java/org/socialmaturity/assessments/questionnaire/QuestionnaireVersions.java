package org.socialmaturity.assessments.questionnaire;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;

/**
 * The questionnaire versions published, one aggregate for all of them so that versions are published one at a time,
 * each checked against the one current before it. Its events are what every service's catalogue is a cache of.
 */
public class QuestionnaireVersions {

    @AggregateIdentifier
    private String catalogueId;
    private final List<QuestionnairePublished> published = new ArrayList<>();

    protected QuestionnaireVersions() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishQuestionnaire command) {
        List<String> problems = QuestionnaireCatalogue.of(published)
                .problemsOfPublishing(command.questionnaire(), command.mapping());
        if (!problems.isEmpty()) {
            throw new QuestionnaireRefused(problems);
        }
        apply(new QuestionnairePublished(command.questionnaire(), command.mapping(), command.publishedAt()));
    }

    @EventSourcingHandler
    void on(QuestionnairePublished event) {
        catalogueId = QuestionnairePublished.CATALOGUE_ID;
        published.add(event);
    }
}
