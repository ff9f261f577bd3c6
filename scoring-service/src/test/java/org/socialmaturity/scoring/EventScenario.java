package org.socialmaturity.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.AssessmentSubmitted;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublication;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;
import org.socialmaturity.web.privacy.PersonalData;

/**
 * Appends what assessment-service would append, straight into the shared event store: the scoring tests then read
 * only what scoring-service made of it, through its API. (The system tests run assessment-service for real.)
 */
public final class EventScenario {

    public static final Questionnaire V1 = QuestionnaireCatalogue.load().version("v1").orElseThrow();

    private final EventStore store;
    public final String partnerId;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, RawAnswer> lastAnswers = new HashMap<>();
    private final Map<String, String> pinned = new HashMap<>();

    public EventScenario(EventStore store) {
        this.store = store;
        this.partnerId = "partner-" + UUID.randomUUID();
    }

    public String registerCompany(String name) {
        return registerCompany(name, "airlines", "ES", 100);
    }

    public String registerCompany(String name, String sector, String country, int employees) {
        String companyId = UUID.randomUUID().toString();
        append("Company", companyId, new CompanyRegistered(companyId, partnerId, name, sector, country, employees,
                now()));
        return companyId;
    }

    /** The partner sets the company's target, as assessment-service appends it to the company. */
    public TargetSet setTarget(String companyId, int phase, Map<String, Integer> dimensionLevels, LocalDate due) {
        TargetSet target = new TargetSet(companyId, partnerId, UUID.randomUUID().toString(), phase, dimensionLevels,
                due, now());
        append("Company", companyId, target);
        return target;
    }

    public String startAssessment(String companyId) {
        return startAssessment(companyId, "v1");
    }

    /** An assessment pinning {@code version}: its answers are recorded under it. */
    public String startAssessment(String companyId, String version) {
        String assessmentId = UUID.randomUUID().toString();
        pinned.put(assessmentId, version);
        append("Assessment", assessmentId, new AssessmentStarted(assessmentId, partnerId, companyId, version, now()));
        return assessmentId;
    }

    /** The operator publishes a version, as assessment-service appends it to the questionnaire catalogue. */
    public static void publish(EventStore store, QuestionnairePublication publication, long sequence) {
        store.publish(new GenericDomainEventMessage<>("QuestionnaireVersions", QuestionnairePublished.CATALOGUE_ID,
                sequence, new QuestionnairePublished(publication.questionnaire(), publication.mapping(), now()))
                .andMetaData(Map.of("correlationId", "req-" + UUID.randomUUID(), "actor", "operator")));
    }

    /** Answers every question of v1 with an answer of {@code level}; returns the instant of the last answer. */
    public Instant answerAll(String companyId, String assessmentId, int level) {
        Instant last = null;
        for (Question question : V1.questions()) {
            last = answer(companyId, assessmentId, question.id(), answerOfLevel(question, level));
        }
        return last;
    }

    public Instant answer(String companyId, String assessmentId, String questionId, RawAnswer answer) {
        Instant at = now();
        RawAnswer previous = lastAnswers.put(assessmentId + "/" + questionId, answer);
        append("Assessment", assessmentId, new AnswerRecorded(assessmentId, partnerId, companyId,
                pinned.getOrDefault(assessmentId, "v1"), questionId, answer, previous, "auditor@test", at),
                "req-" + questionId);
        return at;
    }

    /**
     * An answer as assessment-service records it from a person: who answered and the note sealed with that person's
     * key, in the event and its metadata.
     */
    public Instant answerBy(String actor, PersonalData personalData, String companyId, String assessmentId,
                            String questionId, RawAnswer answer) {
        Instant at = now();
        RawAnswer sealed = personalData.seal(answer, actor);
        RawAnswer previous = lastAnswers.put(assessmentId + "/" + questionId, sealed);
        String sealedActor = personalData.seal(actor, actor);
        append("Assessment", assessmentId, new AnswerRecorded(assessmentId, partnerId, companyId,
                pinned.getOrDefault(assessmentId, "v1"), questionId, sealed, previous, sealedActor, at),
                "req-" + questionId, sealedActor);
        return at;
    }

    public void submit(String companyId, String assessmentId) {
        append("Assessment", assessmentId, new AssessmentSubmitted(assessmentId, partnerId, companyId, "auditor@test",
                now()));
    }

    /**
     * Advice issued to the company, appended to its advice stream as recommendation-service would on a phase or
     * quadrant change.
     */
    public void issueAdvice(String companyId, AdviceIssued.Trigger trigger, List<String> itemCodes,
                            List<String> dimensions) {
        String streamId = AdviceIssued.streamIdOf(companyId);
        append("CompanyAdvice", streamId, new AdviceIssued(UUID.randomUUID().toString(), companyId, partnerId, trigger,
                itemCodes, dimensions, "cause-" + UUID.randomUUID(), 0, now()));
    }

    public static RawAnswer answerOfLevel(Question question, int level) {
        if (question.type() == QuestionType.CHOICE) {
            return RawAnswer.choice(question.options().stream().filter(o -> o.level() == level).findFirst()
                    .orElseThrow().id());
        }
        BigDecimal value = question.bands().stream().filter(b -> b.level() == level).map(Band::from).findFirst()
                .orElseThrow();
        return RawAnswer.number(value);
    }

    private void append(String type, String aggregateId, Object payload) {
        append(type, aggregateId, payload, "req-" + UUID.randomUUID());
    }

    private void append(String type, String aggregateId, Object payload, String correlationId) {
        append(type, aggregateId, payload, correlationId, "auditor@test");
    }

    private void append(String type, String aggregateId, Object payload, String correlationId, String actor) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        store.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload)
                .andMetaData(Map.of("correlationId", correlationId, "actor", actor)));
    }

    /** Event instants a millisecond apart, so that as-of queries between two answers are unambiguous. */
    private static Instant now() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
