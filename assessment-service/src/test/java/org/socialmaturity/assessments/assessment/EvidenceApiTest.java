package org.socialmaturity.assessments.assessment;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.web.evidence.Attachments;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Evidence sent with an answer: kept, recorded with it, shown back; malformed evidence refused naming the item. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EvidenceApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    Attachments attachments;

    private final PartnerApi partner = PartnerApi.newPartner();

    @Test
    void aLinkAndAnAttachmentAreRecordedWithTheAnswerAndTheDocumentIsKeptByItsHash() {
        String assessment = partner.startAssessment(partner.registerCompany("Documentada SA"));
        byte[] minutes = "Acta del comité de atención social, 12 de marzo".getBytes(StandardCharsets.UTF_8);
        String sha256 = HashChain.sha256Hex(minutes);
        Map<String, Object> body = Map.of("optionId", "director", "evidence", List.of(
                Map.of("url", "https://intranet.example/organigrama.pdf", "sha256", LINK_HASH,
                        "description", "Organigrama 2026"),
                Map.of("attachment", Map.of("name", "acta.txt", "mediaType", "text/plain",
                        "content", Base64.getEncoder().encodeToString(minutes)), "description", "Acta")));

        partner.answer(assessment, "governance-owner", body).then().statusCode(200)
                .body("changed", equalTo(true))
                .body("evidence[0].url", equalTo("https://intranet.example/organigrama.pdf"))
                .body("evidence[0].sha256", equalTo(LINK_HASH))
                .body("evidence[1].sha256", equalTo(sha256))
                .body("evidence[1].attachmentName", equalTo("acta.txt"))
                .body("evidence[1].size", equalTo(minutes.length))
                .body("evidence[1].url", nullValue());

        assertArrayEquals(minutes, attachments.find(sha256).orElseThrow().content());
        partner.request().get("/api/v1/assessments/{a}", assessment).then().statusCode(200)
                .body("answers[0].evidence.description", equalTo(List.of("Organigrama 2026", "Acta")));
        partner.answer(assessment, "governance-owner", body).then().statusCode(200).body("changed", equalTo(false));
        partner.answer(assessment, "governance-owner", Map.of("optionId", "director")).then().statusCode(200)
                .body("changed", equalTo(true)).body("evidence", nullValue());
    }

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource(delimiter = '|', value = {
            "[{\"url\":\"javascript:alert(1)\"}]                                   | evidence[0].url         | must be an absolute http or https URL",
            "[{\"url\":\"https://x.example/a\",\"sha256\":\"ABC\"}]               | evidence[0].sha256      | must be 64 lower-case hex digits",
            "[{\"description\":\"nothing\"}]                                       | evidence[0]             | must hold either url or attachment",
            "[{\"url\":\"https://x.example/a\",\"size\":3}]                       | evidence[0].size        | is not a field here",
            "[{\"attachment\":{\"name\":\"a.pdf\",\"mediaType\":\"application/pdf\",\"content\":\"%%%\"}}] | evidence[0].attachment.content | must be base64",
            "[{\"attachment\":{\"name\":\"../a.pdf\",\"mediaType\":\"application/pdf\",\"content\":\"AA==\"}}] | evidence[0].attachment.name | without slashes",
            "[{\"attachment\":{\"name\":\"a.pdf\",\"mediaType\":\"pdf\",\"content\":\"AA==\"}}] | evidence[0].attachment.mediaType | a media type",
            "{\"url\":\"https://x.example/a\"}                                    | evidence                | must be an array of at most 5 items"})
    void malformedEvidenceIsRefusedNamingTheItemAndFieldAndRecordsNothing(String evidence, String field,
                                                                           String message) throws Exception {
        String assessment = partner.startAssessment(partner.registerCompany("Mal documentada SA"));
        Map<String, Object> body = Map.of("optionId", "director", "evidence", JSON.readTree(evidence));

        partner.answer(assessment, "governance-owner", body).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.message", containsString(message));
        partner.request().get("/api/v1/assessments/{a}", assessment).then().body("answered", equalTo(0));
    }

    @Test
    void anAttachmentOverTheLimitIsRefused() {
        String assessment = partner.startAssessment(partner.registerCompany("Pesada SA"));
        String big = Base64.getEncoder().encodeToString(new byte[Attachments.MAX_BYTES + 1]);

        partner.answer(assessment, "governance-owner", Map.of("optionId", "director", "evidence", List.of(Map.of(
                "attachment", Map.of("name", "big.bin", "mediaType", "application/octet-stream", "content", big)))))
                .then().statusCode(400)
                .body("violations[0].field", equalTo("evidence[0].attachment.content"))
                .body("violations[0].message", equalTo("must hold 1 to 131072 bytes"));
        assertEquals(131072, Attachments.MAX_BYTES);
    }
}
