package org.socialmaturity.assessments.company;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.localmongo.StoredEvents;

import com.mongodb.client.MongoClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TargetApiTest {

    private final PartnerApi partner = PartnerApi.newPartner();

    @Inject
    MongoClient mongo;

    @Test
    void aTargetIsRecordedOnceHoweverOftenItIsSet() {
        String company = partner.registerCompany("Con Meta SA");
        String due = LocalDate.now(ZoneOffset.UTC).plusMonths(6).toString();
        Map<String, Object> body = Map.of("phase", 3, "dimensions", Map.of("LISTENING", 3, "SOCIAL_CRM", 2), "due", due);

        String targetId = partner.request().body(body).put("/api/v1/companies/{id}/target", company)
                .then().statusCode(200)
                .body("phase", equalTo(3))
                .body("dimensions.LISTENING", equalTo(3))
                .body("due", equalTo(due))
                .extract().path("targetId");
        partner.request().body(body).put("/api/v1/companies/{id}/target", company)
                .then().statusCode(200).body("targetId", equalTo(targetId));
        partner.request().body(Map.of("phase", 4, "due", due)).put("/api/v1/companies/{id}/target", company)
                .then().statusCode(200);

        List<String> targets = new StoredEvents(mongo).ofAggregate(company).stream()
                .filter(e -> e.payloadType().equals(TargetSet.class.getName())).map(e -> e.payload()).toList();
        assertEquals(2, targets.size(), "the retried PUT recorded nothing: " + targets);
    }

    @Test
    void aTargetBreakingARuleIsRefusedNamingEachField() {
        String company = partner.registerCompany("Sin Meta SA");

        partner.request().body(Map.of("phase", 5, "dimensions", Map.of("HAPPINESS", 3, "TEAM", 9),
                        "due", "2001-01-01"))
                .put("/api/v1/companies/{id}/target", company)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("phase", "dimensions.HAPPINESS", "dimensions.TEAM", "due"))
                .body("violations.find { it.field == 'due' }.message", equalTo("must be today or later"))
                .body("violations.find { it.field == 'dimensions.HAPPINESS' }.message", containsString("LISTENING"));
        partner.request().body(Map.of("phase", 2, "due", "next year")).put("/api/v1/companies/{id}/target", company)
                .then().statusCode(400).body("violations[0].field", equalTo("due"));
        partner.request().body(Map.of("due", "2099-01-01")).put("/api/v1/companies/{id}/target", company)
                .then().statusCode(400).body("violations[0].field", equalTo("phase"));
    }

    @Test
    void anotherPartnersCompanyIsNotFound() {
        String company = partner.registerCompany("Ajena SA");

        PartnerApi.newPartner().request().body(Map.of("phase", 2, "due", "2099-01-01"))
                .put("/api/v1/companies/{id}/target", company)
                .then().statusCode(404).contentType("application/problem+json");
        partner.request().body(Map.of("phase", 2, "due", "2099-01-01"))
                .put("/api/v1/companies/{id}/target", "no-such-company")
                .then().statusCode(404);
    }
}
