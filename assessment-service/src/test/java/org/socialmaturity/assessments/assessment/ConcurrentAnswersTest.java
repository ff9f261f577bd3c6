package org.socialmaturity.assessments.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.localmongo.StoredEvents;
import org.socialmaturity.localmongo.StoredEvents.StoredEvent;

import com.mongodb.client.MongoClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConcurrentAnswersTest {

    private static final int CLIENTS = 20;
    private static final int ANSWERS_PER_CLIENT = 10;

    @Inject
    MongoClient mongo;

    @Test
    void twentyClientsAnsweringOneAssessmentLoseNothing() throws Exception {
        PartnerApi partner = PartnerApi.newPartner();
        String assessmentId = partner.startAssessment(partner.registerCompany("Busy SA"));
        List<Question> choices = QuestionnaireCatalogue.load().current().questions().stream()
                .filter(q -> q.type() == QuestionType.CHOICE).toList();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<Response>>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int c = client;
            clients.add(pool.submit((Callable<List<Response>>) () -> {
                List<Response> responses = new ArrayList<>();
                for (int i = 0; i < ANSWERS_PER_CLIENT; i++) {
                    Question question = choices.get((c + i) % choices.size());
                    String option = question.options().get((c * 7 + i) % question.options().size()).id();
                    responses.add(partner.answer(assessmentId, question.id(), Map.of("optionId", option)));
                }
                return responses;
            }));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<List<Response>> client : clients) {
            responses.addAll(client.get());
        }
        pool.shutdown();

        Map<Integer, Long> statuses = new HashMap<>();
        responses.forEach(r -> statuses.merge(r.statusCode(), 1L, Long::sum));
        assertEquals(Map.of(200, (long) CLIENTS * ANSWERS_PER_CLIENT), statuses);
        long changed = responses.stream().filter(r -> r.jsonPath().getBoolean("changed")).count();

        List<StoredEvent> events = new StoredEvents(mongo).ofAggregate(assessmentId);
        assertEquals(changed + 1, events.size(), "one AssessmentStarted plus one event per answer that changed");
        assertEquals(LongStream.rangeClosed(0, changed).boxed().toList(),
                events.stream().map(StoredEvent::sequence).toList());
    }
}
