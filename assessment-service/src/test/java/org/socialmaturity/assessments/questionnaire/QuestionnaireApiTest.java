package org.socialmaturity.assessments.questionnaire;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class QuestionnaireApiTest {

    private final PartnerApi partner = PartnerApi.newPartner();

    @Test
    void theCurrentQuestionnaireIsInEnglishByDefault() {
        partner.request().get("/api/v1/questionnaires/current")
                .then().statusCode(200)
                .header("Content-Language", "en")
                .body("version", equalTo("v1"))
                .body("language", equalTo("en"))
                .body("phaseShare", equalTo(0.75f))
                .body("quadrantThreshold", equalTo(50.0f))
                .body("phases.name", equalTo(java.util.List.of("Proof of Concept", "Path to Adoption",
                        "Operational Adoption", "Operational Integration")))
                .body("dimensions", hasSize(10))
                .body("dimensions.find { it.id == 'TEAM' }.axis", equalTo("INVESTMENT"))
                .body("dimensions.find { it.id == 'LISTENING' }.axis", equalTo("INNOVATION"));
    }

    @Test
    void choiceQuestionsShowOptionsWithLevelsAndNumberQuestionsShowBands() {
        partner.request().get("/api/v1/questionnaires/current")
                .then().statusCode(200)
                .body("questions.find { it.id == 'governance-owner' }.type", equalTo("CHOICE"))
                .body("questions.find { it.id == 'governance-owner' }.options.level", equalTo(java.util.List.of(1, 2, 3, 4)))
                .body("questions.find { it.id == 'governance-owner' }.bands", nullValue())
                .body("questions.find { it.id == 'team-dedicated-staff' }.type", equalTo("NUMBER"))
                .body("questions.find { it.id == 'team-dedicated-staff' }.unit", equalTo("full-time equivalents"))
                .body("questions.find { it.id == 'team-dedicated-staff' }.bands[0].from", equalTo(0))
                .body("questions.find { it.id == 'team-dedicated-staff' }.bands[0].to", equalTo(0.5f))
                .body("questions.find { it.id == 'team-dedicated-staff' }.options", nullValue())
                .body("questions.findAll { it.type == 'NUMBER' }.size()", equalTo(3));
    }

    @Test
    void spanishByQueryParameterOrAcceptLanguage() {
        partner.request().queryParam("lang", "es").get("/api/v1/questionnaires/current")
                .then().statusCode(200)
                .header("Content-Language", "es")
                .body("phases[0].name", equalTo("Prueba de concepto"))
                .body("questions.find { it.id == 'governance-owner' }.options[0].text",
                        equalTo("Un miembro junior de marketing, a tiempo parcial, supervisado por marketing"));
        partner.request().header("Accept-Language", "fr-FR, es;q=0.8, en;q=0.5").get("/api/v1/questionnaires/v1")
                .then().statusCode(200)
                .body("language", equalTo("es"))
                .body("dimensions.name", everyItem(notNullValue()));
        partner.request().header("Accept-Language", "es").queryParam("lang", "en")
                .get("/api/v1/questionnaires/current")
                .then().body("language", equalTo("en"));
    }

    @Test
    void aMalformedAcceptLanguageFallsBackToTheDefaultLanguage() {
        for (String header : new String[] {";;;", ",;,", "es;q=NaN, en;q=0.5", "es;q=1e309, en;q=0.5", "es;q=2, en"}) {
            partner.request().header("Accept-Language", header).get("/api/v1/questionnaires/current")
                    .then().statusCode(200).body("language", equalTo("en"));
        }
    }

    @Test
    void anUnsupportedLanguageOrUnknownVersionIsRefused() {
        partner.request().queryParam("lang", "fr").get("/api/v1/questionnaires/current")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("lang"));
        partner.request().get("/api/v1/questionnaires/v99")
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/questionnaires/current").then().statusCode(401);
    }
}
