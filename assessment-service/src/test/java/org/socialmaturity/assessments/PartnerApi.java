package org.socialmaturity.assessments;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls the service as one partner would, through HTTP. */
public record PartnerApi(String partnerId) {

    public static PartnerApi newPartner() {
        return new PartnerApi("partner-" + UUID.randomUUID());
    }

    public RequestSpecification request() {
        return given().header("X-Partner-Id", partnerId).contentType(ContentType.JSON);
    }

    public String registerCompany(String name) {
        return request().body(Map.of("name", name, "sector", "airlines", "country", "ES", "employees", 1200))
                .post("/api/v1/companies")
                .then().statusCode(201).extract().path("id");
    }

    public String startAssessment(String companyId) {
        return request().post("/api/v1/companies/{id}/assessments", companyId)
                .then().statusCode(201).extract().path("id");
    }

    public io.restassured.response.Response answer(String assessmentId, String questionId, Object body) {
        return request().body(body).put("/api/v1/assessments/{a}/answers/{q}", assessmentId, questionId);
    }
}
