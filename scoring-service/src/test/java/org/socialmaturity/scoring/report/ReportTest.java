package org.socialmaturity.scoring.report;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.eventstore.checkpoint.Checkpoints;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.scoring.EventScenario;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReportTest {

    @Inject
    EventStore store;

    @Inject
    Checkpoints checkpoints;

    @Inject
    CompanyReports reports;

    @Inject
    ReportRenderer renderer;

    /** Up to phase 2, to phase 3, back to 2, with the advice recommendation-service would have issued. */
    private String companyThroughThreePhaseChanges(EventScenario scenario, String name) {
        String company = scenario.registerCompany(name);
        String first = scenario.startAssessment(company);
        scenario.answerAll(company, first, 2);
        scenario.submit(company, first);
        scenario.issueAdvice(company, Trigger.phaseChange(null, 2),
                List.of("PHASE.2", "DIMENSION.LISTENING.L2"), List.of("LISTENING"));
        String second = scenario.startAssessment(company);
        scenario.answerAll(company, second, 3);
        scenario.submit(company, second);
        scenario.issueAdvice(company, Trigger.phaseChange(2, 3), List.of("PHASE.3"), List.of());
        scenario.issueAdvice(company, Trigger.quadrantChange(Quadrant.OBSERVERS, Quadrant.SOCIAL_FIRST),
                List.of("QUADRANT.SOCIAL_FIRST"), List.of());
        String third = scenario.startAssessment(company);
        scenario.answerAll(company, third, 2);
        scenario.issueAdvice(company, Trigger.phaseChange(3, 2), List.of("ALERT.PHASE_DROPPED"),
                List.of("LISTENING", "SOCIAL_CRM"));
        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(200)
                .body("transitions.to", contains(2, 3, 2)));
        return company;
    }

    @Test
    void theReportShowsTheCompanyItsPhaseAndItsAdviceInEachLanguage() throws IOException {
        EventScenario scenario = new EventScenario(store);
        String company = companyThroughThreePhaseChanges(scenario, "Aerolíneas del Sur S.A.");

        byte[] enPdf = report(scenario, company, "en");
        String en = text(enPdf);
        assertContains(en, "Aerolíneas del Sur S.A.", "2 · Path to Adoption", "Observers",
                "Entered phase 3 · Operational Adoption", "Dropped to phase 2 · Path to Adoption",
                "Phase 2, Path to Adoption: form the cross-functional working group", "Monitor with a tool",
                "Phase 3, Operational Adoption: make social a director-level function", "#SocialFirst: stay ahead",
                "Alert: the company dropped a phase", "fell below the phase it held: Listening, Social CRM.",
                "Source: 004 · Fase 3: Adopción operativa; 001 · Los 6 puntos clave",
                "Below phase 3: Governance, Adoption across departments", "4 · Operational Integration");
        assertTrue(en.indexOf("Alert: the company dropped a phase") < en.indexOf("Monitor with a tool"),
                "newest advice first");

        byte[] esPdf = report(scenario, company, "es");
        String es = text(esPdf);
        assertContains(es, "Aerolíneas del Sur S.A.", "2 · Camino hacia la adopción", "Observadores",
                "Entra en la fase 3 · Adopción operativa", "Baja a la fase 2 · Camino hacia la adopción",
                "Fase 2, Camino hacia la adopción: cree el grupo de trabajo multifuncional",
                "Vigile con una herramienta",
                "Fase 3, Adopción operativa: convierta lo social en una función de dirección",
                "#SocialFirst: manténgase por delante", "Alerta: la empresa ha bajado de fase",
                "Fuente: 004 · Fase 3: Adopción operativa", "Por debajo de la fase 3: Gobierno, Adopción por departamentos",
                "4 · Integración operativa");
        assertFalse(es.contains("Path to Adoption"), es);
        assertFalse(es.contains("Monitor with a tool"), es);
        // Kept for a person to look at: the picture in the README and docs/api.md is the first page of the English one.
        Files.write(Path.of("target", "company-report-en.pdf"), enPdf);
        Files.write(Path.of("target", "company-report-es.pdf"), esPdf);
    }

    @Test
    void theVerificationLineNamesASignedCheckpointCoveringTheEventsTheReportWasBuiltFrom() throws IOException {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Verified SA");
        String assessment = scenario.startAssessment(company);
        scenario.answerAll(company, assessment, 2);
        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200).body("phase", equalTo(2)));

        CompanyReport report = reports.of(scenario.partnerId, company, Language.EN);
        String text = text(renderer.render(report));

        Checkpoint covering = checkpoints.firstCovering(report.lastGlobalIndex()).orElseThrow();
        assertContains(text, "up to global index " + report.lastGlobalIndex() + ".", "Checkpoint hash:",
                covering.headHash() + " · index " + covering.headIndex() + " · key " + checkpoints.key().keyId());
        assertTrue(covering.signedBy(checkpoints.key().publicKey()));
        assertContains(text, "No advice yet");
    }

    @Test
    void namesOutsideTheFontsCharacterSetPrintPlainly() throws IOException {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Łódź Sky\n東京 ✈ Air\u200b");
        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company).then().statusCode(200));

        String text = text(report(scenario, company, "en"));
        assertContains(text, "Lódz Sky ?? ? Air", "No answers recorded yet.");
    }

    @Test
    void anotherPartnersCompanyUnknownCompaniesAndUnknownLanguagesAreRefused() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Private SA");
        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company).then().statusCode(200));

        given().header("X-Partner-Id", "someone-else").get("/api/v1/companies/{id}/report", company)
                .then().statusCode(404).contentType("application/problem+json");
        as(scenario).get("/api/v1/companies/{id}/report", "no-such-company")
                .then().statusCode(404).contentType("application/problem+json");
        as(scenario).queryParam("lang", "fr").get("/api/v1/companies/{id}/report", company)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("lang"));
        as(scenario).header("Accept-Language", "es-ES,es;q=0.9").get("/api/v1/companies/{id}/report", company)
                .then().statusCode(200).contentType("application/pdf");
    }

    private static byte[] report(EventScenario scenario, String company, String lang) {
        return as(scenario).queryParam("lang", lang).get("/api/v1/companies/{id}/report", company)
                .then().statusCode(200)
                .contentType("application/pdf")
                .extract().asByteArray();
    }

    /** The PDF's text, its line breaks (wrapping) read as spaces. */
    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertTrue(document.getNumberOfPages() >= 1);
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static void assertContains(String text, String... expected) {
        List<String> missing = Arrays.stream(expected).filter(e -> !text.contains(e)).toList();
        assertEquals(List.of(), missing, text);
    }

    private static RequestSpecification as(EventScenario scenario) {
        return given().header("X-Partner-Id", scenario.partnerId);
    }
}
