package org.socialmaturity.assessments.assessment;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.assessments.company.CompanyRepository;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.Commands;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.http.Violation;
import org.socialmaturity.web.evidence.Attachments;
import org.socialmaturity.web.privacy.PersonalData;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments", description = "Maturity assessments: start, answer, submit or cancel")
public class AssessmentResource {

    private static final int MAX_REASON_LENGTH = 500;

    private final CallContext call;
    private final Commands commands;
    private final CompanyRepository companies;
    private final AssessmentRepository assessments;
    private final QuestionnaireCatalogue catalogue;
    private final ObjectMapper json;
    private final PersonalData personalData;
    private final Attachments attachments;

    AssessmentResource(CallContext call, Commands commands, CompanyRepository companies, AssessmentRepository assessments,
                       QuestionnaireCatalogue catalogue, ObjectMapper json, PersonalData personalData,
                       Attachments attachments) {
        this.json = json;
        this.personalData = personalData;
        this.attachments = attachments;
        this.call = call;
        this.commands = commands;
        this.companies = companies;
        this.assessments = assessments;
        this.catalogue = catalogue;
    }

    @POST
    @Path("/companies/{companyId}/assessments")
    @Operation(summary = "Start an assessment",
            description = "Starts an assessment of the company on the current questionnaire, whose version it pins: "
                    + "later questionnaire versions do not change what this assessment asks. No body.")
    @APIResponse(responseCode = "201", description = "Started; Location names the assessment",
            content = @Content(schema = @Schema(implementation = AssessmentResponse.class), examples = @ExampleObject(
                    name = "started", value = "{\"id\":\"0b8f6c1e-8a43-4d1f-a1c5-55a1d2c3e4f5\",\"companyId\":\"5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10\","
                    + "\"questionnaireVersion\":\"v1\",\"status\":\"OPEN\",\"startedAt\":\"2026-11-23T09:16:00Z\",\"answers\":[],"
                    + "\"missing\":[\"governance-owner\"],\"answered\":0,\"required\":19}")))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response start(@Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId) {
        String partnerId = call.partnerId();
        companies.require(partnerId, companyId);
        String assessmentId = UUID.randomUUID().toString();
        commands.send(new StartAssessment(assessmentId, partnerId, companyId, catalogue.current().version()));
        return Response.created(URI.create("/api/v1/assessments/" + assessmentId))
                .entity(AssessmentResponse.of(assessments.require(partnerId, assessmentId), personalData))
                .build();
    }

    @GET
    @Path("/assessments/{assessmentId}")
    @Operation(summary = "Get an assessment", description = "Status, the answers so far with their levels, and the "
            + "required questions still missing.")
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(schema = @Schema(implementation = AssessmentResponse.class),
                    examples = @ExampleObject(name = "open", value = AssessmentResponse.EXAMPLE_OPEN)))
    @APIResponse(responseCode = "404", description = "No such assessment for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public AssessmentResponse get(@Parameter(example = "0b8f6c1e-8a43-4d1f-a1c5-55a1d2c3e4f5") @PathParam("assessmentId") String assessmentId) {
        return AssessmentResponse.of(assessments.require(call.partnerId(), assessmentId), personalData);
    }

    @PUT
    @Path("/assessments/{assessmentId}/answers/{questionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record or change an answer",
            description = "Records the answer to one question, or changes it. Sending the answer the question already "
                    + "holds records nothing and answers changed=false. The answer is checked against the "
                    + "questionnaire version the assessment pinned.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AnswerRequest.class), examples = {
            @ExampleObject(name = "choice", value = "{\"optionId\":\"social-media-manager\"}"),
            @ExampleObject(name = "number", value = "{\"value\":2.5,\"note\":\"Two agents and a supervisor at half time\"}")}))
    @APIResponse(responseCode = "200", description = "The answer the question now holds",
            content = @Content(schema = @Schema(implementation = AssessmentResponse.Answer.class), examples = @ExampleObject(
                    name = "recorded", value = "{\"questionId\":\"governance-owner\",\"optionId\":\"social-media-manager\",\"level\":2,"
                    + "\"recordedBy\":\"maria@portal.example\",\"recordedAt\":\"2026-11-23T09:20:00Z\",\"changed\":true}")))
    @APIResponse(responseCode = "400", description = "Unknown question, option not in the question, number out of range, "
            + "malformed body or a field of the wrong type", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON,
            examples = @ExampleObject(name = "out of range", value = "{\"type\":\"/problems/validation\",\"title\":\"The request is invalid\","
                    + "\"status\":400,\"detail\":\"value must be between 0 and 100\",\"violations\":[{\"field\":\"value\",\"message\":\"must be between 0 and 100\"}]}")))
    @APIResponse(responseCode = "404", description = "No such assessment for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "The assessment was submitted or cancelled",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public AssessmentResponse.Answer answer(
            @Parameter(example = "0b8f6c1e-8a43-4d1f-a1c5-55a1d2c3e4f5") @PathParam("assessmentId") String assessmentId,
            @Parameter(example = "governance-owner") @PathParam("questionId") String questionId,
            JsonNode body) {
        AnswerRequest.Parsed parsed = AnswerRequest.parse(body);
        // Kept before the answer that names them is recorded: an acknowledged answer's attachments are never missing.
        parsed.uploads().forEach(u -> attachments.store(u.content(), u.mediaType()));
        RawAnswer answer = personalData.seal(parsed.answer(), call.actor());
        AnswerOutcome outcome = commands.send(new RecordAnswer(assessmentId, call.partnerId(), questionId, answer));
        return AssessmentResponse.Answer.of(outcome.current(), outcome.changed(), personalData);
    }

    @POST
    @Path("/assessments/{assessmentId}/submit")
    @Operation(summary = "Submit an assessment", description = "Closes the assessment once every required question "
            + "has an answer; otherwise 409 with the list of missing question ids. No body.")
    @APIResponse(responseCode = "200", description = "Submitted",
            content = @Content(schema = @Schema(implementation = AssessmentResponse.class)))
    @APIResponse(responseCode = "409", description = "Required questions are unanswered, or the assessment is closed",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(name = "incomplete",
                    value = "{\"type\":\"/problems/assessment-incomplete\",\"title\":\"Required questions are unanswered\","
                            + "\"status\":409,\"detail\":\"2 required question(s) have no answer\",\"missing\":[\"kpis-measurement\",\"crm-data-use\"]}")))
    public AssessmentResponse submit(@Parameter(example = "0b8f6c1e-8a43-4d1f-a1c5-55a1d2c3e4f5") @PathParam("assessmentId") String assessmentId) {
        String partnerId = call.partnerId();
        commands.send(new SubmitAssessment(assessmentId, partnerId));
        return AssessmentResponse.of(assessments.require(partnerId, assessmentId), personalData);
    }

    @POST
    @Path("/assessments/{assessmentId}/cancel")
    @Operation(summary = "Cancel an assessment", description = "Abandons an open assessment. Its answers stay in the "
            + "history. The body is optional: {\"reason\": \"...\"}.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Cancellation.class),
            examples = @ExampleObject(name = "with reason", value = "{\"reason\":\"Started by mistake\"}")))
    @APIResponse(responseCode = "200", description = "Cancelled",
            content = @Content(schema = @Schema(implementation = AssessmentResponse.class),
                    examples = @ExampleObject(name = "cancelled", value = AssessmentResponse.EXAMPLE_CANCELLED)))
    @APIResponse(responseCode = "409", description = "The assessment was already submitted or cancelled",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public AssessmentResponse cancel(
            @Parameter(example = "0b8f6c1e-8a43-4d1f-a1c5-55a1d2c3e4f5") @PathParam("assessmentId") String assessmentId,
            String body) {
        String reason = personalData.seal(reason(body), call.actor());
        String partnerId = call.partnerId();
        commands.send(new CancelAssessment(assessmentId, partnerId, reason));
        return AssessmentResponse.of(assessments.require(partnerId, assessmentId), personalData);
    }

    /** What a cancellation may say, for the API's documentation; the body itself is read by {@link #reason}. */
    @Schema(description = "Why the assessment is abandoned; optional")
    public record Cancellation(@Schema(description = "At most " + MAX_REASON_LENGTH + " characters", example = "Started by mistake") String reason) {
    }

    /** The optional body of a cancellation, read whatever its content type: a portal may send none at all. */
    private String reason(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode body;
        try {
            body = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid("body", "must be well-formed JSON");
        }
        if (!body.isObject()) {
            throw ApiProblem.invalid("body", "must be a JSON object");
        }
        JsonNode reason = body.get("reason");
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!reason.isTextual() || reason.textValue().length() > MAX_REASON_LENGTH) {
            throw ApiProblem.invalid(List.of(new Violation("reason",
                    "must be a string of at most " + MAX_REASON_LENGTH + " characters")));
        }
        return reason.textValue();
    }
}
