package org.socialmaturity.assessments.questionnaire;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.contracts.EventTime;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublication;
import org.socialmaturity.http.AdminKey;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.web.Commands;
import org.socialmaturity.http.ProblemMappers;

/** {@code POST /api/v1/admin/questionnaires}: the operator publishes a new questionnaire version. */
@Path("/api/v1/admin/questionnaires")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class QuestionnairePublicationResource {

    private final AdminKey admin;
    private final Commands commands;
    private final QuestionnaireCatalogue catalogue;

    QuestionnairePublicationResource(AdminKey admin, Commands commands, QuestionnaireCatalogue catalogue) {
        this.admin = admin;
        this.commands = commands;
        this.catalogue = catalogue;
    }

    @POST
    @Operation(summary = "Publish a questionnaire version",
            description = "The version, in the format of GET /api/v1/questionnaires/v1 with both languages of every "
                    + "text (see contracts/src/main/resources/questionnaires/examples/v2-publication.json), and "
                    + "optionally a mapping from the current version: question to question (a question split in two "
                    + "named twice), option to option, and carryUnchanged for every question that keeps its id, type "
                    + "and options. It becomes current: new assessments pin it, started ones keep theirs. A version "
                    + "is an event and is never edited: a change is a new version. The same publication sent again "
                    + "answers 200 with it.")
    @APIResponse(responseCode = "201", description = "Published and current", content = @Content(
            schema = @Schema(implementation = Publication.class), examples = @ExampleObject(name = "published",
            value = "{\"version\":\"v2\",\"mappedFrom\":\"v1\",\"current\":\"v2\",\"versions\":[\"v1\",\"v2\"]}")))
    @APIResponse(responseCode = "200", description = "This very publication was made already",
            content = @Content(schema = @Schema(implementation = Publication.class)))
    @APIResponse(responseCode = "400", description = "The version breaks a rule: each rule broken is a violation",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response publish(@HeaderParam(AdminKey.HEADER) String adminKey, QuestionnairePublication body) {
        admin.require(adminKey);
        if (body == null || body.questionnaire() == null) {
            throw ApiProblem.invalid("questionnaire", "is required");
        }
        Questionnaire questionnaire = body.questionnaire();
        Optional<Questionnaire> existing = Optional.ofNullable(questionnaire.version()).flatMap(catalogue::version);
        if (existing.isPresent() && existing.get().equals(questionnaire)
                && Objects.equals(catalogue.mappingInto(questionnaire.version()).orElse(null), body.mapping())) {
            return Response.ok(publication(questionnaire.version(), body.mapping())).build();
        }
        commands.sendAsOperator(new PublishQuestionnaire(questionnaire, body.mapping(), EventTime.now(Clock.systemUTC())));
        catalogue.refresh();
        return Response.created(URI.create("/api/v1/questionnaires/" + questionnaire.version()))
                .entity(publication(questionnaire.version(), body.mapping())).build();
    }

    private Publication publication(String version, QuestionnaireMapping mapping) {
        return new Publication(version, mapping == null ? null : mapping.from(), catalogue.current().version(),
                catalogue.versions());
    }

    @Schema(name = "QuestionnairePublished")
    public record Publication(String version, String mappedFrom, String current, List<String> versions) {
    }
}
