package org.socialmaturity.assessments.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.privacy.SealedText;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.localmongo.StoredEvents;
import org.socialmaturity.localmongo.StoredEvents.StoredEvent;
import org.socialmaturity.web.privacy.PersonalData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Reads the raw event collection: what a 2xx promised is in MongoDB, and nothing else is. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RecordedEventsTest {

    @Inject
    MongoClient mongo;

    @Inject
    ObjectMapper json;

    @Inject
    PersonalData personalData;

    private final PartnerApi partner = PartnerApi.newPartner();

    @Test
    void oneEventPerAcceptedAnswerAndNoneForARejectedOrRepeatedOne() throws Exception {
        String companyId = partner.registerCompany("Audited SA");
        String assessmentId = partner.startAssessment(companyId);

        partner.request().header("X-Request-Id", "req-first").header("X-Actor", "maria")
                .body(Map.of("optionId", "director"))
                .put("/api/v1/assessments/{a}/answers/governance-owner", assessmentId).then().statusCode(200);
        partner.answer(assessmentId, "governance-owner", Map.of("optionId", "director")).then().statusCode(200);
        partner.answer(assessmentId, "governance-owner", Map.of("optionId", "ceo")).then().statusCode(400);
        partner.answer(assessmentId, "team-dedicated-staff", Map.of("value", -3)).then().statusCode(400);
        partner.answer(assessmentId, "nope", Map.of("value", 1)).then().statusCode(400);
        partner.request().header("X-Request-Id", "req-second").body(Map.of("optionId", "executive"))
                .put("/api/v1/assessments/{a}/answers/governance-owner", assessmentId).then().statusCode(200);

        List<StoredEvent> events = new StoredEvents(mongo).ofAggregate(assessmentId);
        assertEquals(List.of(AssessmentStarted.class.getName(), AnswerRecorded.class.getName(),
                AnswerRecorded.class.getName()), events.stream().map(StoredEvent::payloadType).toList());
        assertEquals(List.of(0L, 1L, 2L), events.stream().map(StoredEvent::sequence).toList());

        JsonNode first = json.readTree(events.get(1).payload());
        assertEquals(partner.partnerId(), first.get("partnerId").asText());
        assertEquals(companyId, first.get("companyId").asText());
        assertEquals("director", first.at("/answer/optionId").asText());
        assertTrue(SealedText.isSealed(first.get("recordedBy").asText()), "who answered is stored sealed");
        assertEquals("maria", personalData.reveal(first.get("recordedBy").asText()));
        assertNull(first.get("previousAnswer").textValue());
        JsonNode firstMeta = json.readTree(events.get(1).metaData());
        assertEquals("req-first", firstMeta.get("correlationId").asText());
        assertEquals(first.get("recordedBy").asText(), firstMeta.get("actor").asText());

        JsonNode second = json.readTree(events.get(2).payload());
        assertEquals("executive", second.at("/answer/optionId").asText());
        assertEquals("director", second.at("/previousAnswer/optionId").asText());
        assertEquals("req-second", json.readTree(events.get(2).metaData())
                .get("correlationId").asText());
    }

    @Test
    void aRefusedCompanyOrAssessmentAppendsNothing() {
        long before = new StoredEvents(mongo).count();
        partner.request().body(Map.of("name", "x")).post("/api/v1/companies").then().statusCode(400);
        partner.request().post("/api/v1/companies/{id}/assessments", "missing-company").then().statusCode(404);
        long after = new StoredEvents(mongo).count();
        assertEquals(before, after);
    }
}
