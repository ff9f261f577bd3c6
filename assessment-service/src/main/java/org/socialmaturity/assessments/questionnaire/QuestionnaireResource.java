package org.socialmaturity.assessments.questionnaire;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.LanguageNegotiation;
import org.socialmaturity.http.ProblemMappers;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Questionnaires", description = "The maturity questionnaire, in English or Spanish")
public class QuestionnaireResource {

    private static final String EXAMPLE = "{\"version\":\"v1\",\"language\":\"en\",\"phaseShare\":0.75,\"quadrantThreshold\":50,"
                    + "\"phases\":[{\"number\":1,\"name\":\"Proof of Concept\",\"description\":\"...\"}],"
                    + "\"dimensions\":[{\"id\":\"TEAM\",\"name\":\"Social care team\",\"description\":\"...\",\"axis\":\"INVESTMENT\",\"weight\":1}],"
                    + "\"questions\":[{\"id\":\"team-dedicated-staff\",\"dimension\":\"TEAM\",\"type\":\"NUMBER\",\"required\":true,"
                    + "\"text\":\"How many full-time equivalents serve customers on social media?\",\"help\":\"...\",\"unit\":\"full-time equivalents\","
                    + "\"min\":0,\"max\":10000,\"bands\":[{\"from\":0,\"to\":0.5,\"level\":1},{\"from\":0.5,\"to\":2,\"level\":2},"
                    + "{\"from\":2,\"to\":5,\"level\":3},{\"from\":5,\"level\":4}]}]}";

    private final QuestionnaireCatalogue catalogue;
    private final CallContext call;

    QuestionnaireResource(QuestionnaireCatalogue catalogue, CallContext call) {
        this.catalogue = catalogue;
        this.call = call;
    }

    @GET
    @Path("/questionnaires")
    @Operation(summary = "The questionnaire versions", description = "Every version, oldest first, with the mapping "
            + "that carries answers of the version before it into it (null for the first), and the current one.")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(
            schema = @Schema(implementation = Versions.class), examples = @ExampleObject(name = "two versions",
            value = "{\"current\":\"v2\",\"versions\":[{\"version\":\"v1\",\"mapping\":null},{\"version\":\"v2\","
                    + "\"mapping\":{\"from\":\"v1\",\"carryUnchanged\":true,\"questions\":[{\"from\":"
                    + "\"responsiveness-resolution\",\"to\":\"responsiveness-resolution-public\",\"options\":{}}]}}]}")))
    public Versions versions() {
        call.partnerId();
        return new Versions(catalogue.current().version(), catalogue.versions().stream()
                .map(v -> new Versions.Version(v, catalogue.mappingInto(v).orElse(null))).toList());
    }

    @GET
    @Path("/questionnaires/current")
    @Operation(summary = "The current questionnaire", description = "The version new assessments are started on. "
            + "Language from ?lang=en|es, else Accept-Language, else English.")
    @APIResponse(responseCode = "200", description = "The questionnaire",
            content = @Content(schema = @Schema(implementation = QuestionnaireView.class), examples = @ExampleObject(
                    name = "excerpt", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "lang is not en or es",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response current(
            @Parameter(description = "en or es", example = "es") @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return localized(catalogue.current(), lang, acceptLanguage);
    }

    @GET
    @Path("/questionnaires/{version}")
    @Operation(summary = "A questionnaire version", description = "Any published version, such as the one an "
            + "assessment pinned.")
    @APIResponse(responseCode = "200", description = "The questionnaire",
            content = @Content(schema = @Schema(implementation = QuestionnaireView.class),
                    examples = @ExampleObject(name = "excerpt", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such version",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response version(
            @Parameter(example = "v1") @PathParam("version") String version,
            @Parameter(description = "en or es", example = "en") @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Questionnaire questionnaire = catalogue.version(version)
                .orElseThrow(() -> ApiProblem.notFound("Questionnaire version", version));
        return localized(questionnaire, lang, acceptLanguage);
    }

    @Schema(name = "QuestionnaireVersions")
    public record Versions(String current, List<Version> versions) {

        @Schema(name = "QuestionnaireVersion")
        public record Version(String version, QuestionnaireMapping mapping) {
        }
    }

    private Response localized(Questionnaire questionnaire, String lang, String acceptLanguage) {
        call.partnerId();
        Language language = LanguageNegotiation.choose(lang, acceptLanguage);
        return Response.ok(QuestionnaireView.of(questionnaire, language))
                .header(HttpHeaders.CONTENT_LANGUAGE, language.code())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .build();
    }
}
