package org.socialmaturity.gateway;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What gateway tests do again and again, as a partner portal and the operator would: through the gateway only. */
final class GatewayApi {

    static final Questionnaire V1 = QuestionnaireCatalogue.load().current();

    record Partner(String id, String keyId, String apiKey) {
    }

    private GatewayApi() {
    }

    static RequestSpecification operator() {
        return given().header("X-Admin-Key", ServicesBehindGateway.ADMIN_KEY);
    }

    static RequestSpecification as(Partner partner) {
        return given().header("X-API-Key", partner.apiKey());
    }

    static Partner newPartner(String name) {
        Map<String, String> created = operator().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/admin/partners").then().statusCode(201).extract().jsonPath().getMap("");
        return new Partner(created.get("id"), created.get("keyId"), created.get("apiKey"));
    }

    static String registerCompany(Partner partner, String name) {
        return as(partner).contentType(ContentType.JSON)
                .body(Map.of("name", name, "sector", "retail", "country", "ES", "employees", 250))
                .post("/api/v1/companies").then().statusCode(201).extract().path("id");
    }

    static String startAssessment(Partner partner, String companyId) {
        return as(partner).post("/api/v1/companies/" + companyId + "/assessments").then().statusCode(201)
                .extract().path("id");
    }

    /** Answers every question at one level (1-4) and submits. */
    static void answerEverything(Partner partner, String assessmentId, int level) {
        for (Question question : V1.questions()) {
            as(partner).contentType(ContentType.JSON).body(answerAt(question, level))
                    .put("/api/v1/assessments/" + assessmentId + "/answers/" + question.id())
                    .then().statusCode(200);
        }
        as(partner).post("/api/v1/assessments/" + assessmentId + "/submit").then().statusCode(200);
    }

    static Map<String, Object> answerAt(Question question, int level) {
        if (question.type() == QuestionType.NUMBER) {
            var band = question.bands().stream().filter(b -> b.level() == level).findFirst().orElseThrow();
            return Map.of("value", band.from());
        }
        return Map.of("optionId", question.options().stream().filter(o -> o.level() == level).findFirst()
                .orElseThrow().id());
    }

    static List<String> questionIds() {
        return V1.questions().stream().map(Question::id).toList();
    }
}
