package org.socialmaturity.assessments.imports;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.socialmaturity.assessments.assessment.AnswerRequest;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.web.privacy.PersonalData;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Past assessments brought from spreadsheets and other tools")
public class ImportResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CSV = "text/csv";
    private static final int MAX_KEY = 200;

    private final CallContext call;
    private final PersonalData personalData;
    private final ImportValidation validation;
    private final ImportJobRepository jobs;
    private final ImportWorker worker;
    private final ObjectMapper json;

    ImportResource(CallContext call, PersonalData personalData, ImportValidation validation, ImportJobRepository jobs,
                   ImportWorker worker, ObjectMapper json) {
        this.call = call;
        this.personalData = personalData;
        this.validation = validation;
        this.jobs = jobs;
        this.worker = worker;
        this.json = json;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Import past assessments",
            description = "A batch of past assessments of the partner's companies (at most 500), as JSON or as CSV "
                    + "(one answer per row: companyId,date,questionnaireVersion,answeredBy,questionId,optionId,value,"
                    + "note,notApplicable,reason; rows of one company, date, version and answeredBy are one "
                    + "assessment). All of it is checked first: one bad part refuses the whole batch with a report of "
                    + "every bad part (assessments[i]... or rows[n]..., n as a spreadsheet numbers rows), and nothing "
                    + "is written. Then each assessment is recorded dated when it was made (a date is midnight UTC), "
                    + "its events flagged with the import's id, submitted when complete, cancelled otherwise. A "
                    + "company's past assessments must come after its latest answer: import its history before its "
                    + "live answers, oldest first. Idempotency-Key is required: the same key and body again answer "
                    + "the import already made; the same key with another body is refused with 422.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportRequest.class)),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = "companyId,date,questionId,"
                    + "optionId,value,answeredBy\n5f0c3e9a-...,2024-01-15,governance-owner,director,,ana@cliente.example\n"
                    + "5f0c3e9a-...,2024-01-15,team-dedicated-staff,,2.5,ana@cliente.example\n"))})
    @APIResponse(responseCode = "202", description = "Checked and accepted: being recorded (GET its Location)",
            content = @Content(schema = @Schema(implementation = ImportView.class), examples = @ExampleObject(
                    name = "accepted", value = "{\"importId\":\"1b9d...\",\"status\":\"RUNNING\",\"total\":2,"
                    + "\"done\":0,\"assessmentIds\":[\"7c1e...\",\"90ab...\"],\"createdAt\":"
                    + "\"2026-11-27T09:00:00Z\",\"finishedAt\":null,\"lastError\":null}")))
    @APIResponse(responseCode = "200", description = "This import was made already (Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "400", description = "Every bad part of the batch; nothing written",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another body",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response start(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @Parameter(required = true, description = "Names the import, so that a retry makes it once",
                                  example = "migration-2026-11") @HeaderParam(IDEMPOTENCY_KEY) String key,
                          String body) {
        String partnerId = call.partnerId();
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw ApiProblem.invalid(IDEMPOTENCY_KEY, "is required, 1-" + MAX_KEY + " characters: it names the "
                    + "import");
        }
        boolean csv = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(CSV);
        String importId = UUID.nameUUIDFromBytes(("import\n" + partnerId + "\n" + key)
                .getBytes(StandardCharsets.UTF_8)).toString();
        String requestHash = HashChain.sha256Hex(((csv ? "csv\n" : "json\n") + (body == null ? "" : body))
                .getBytes(StandardCharsets.UTF_8));
        Response made = replayed(importId, requestHash);
        if (made != null) {
            return made;
        }
        ImportBatch batch = csv ? ImportBatch.fromCsv(body) : ImportBatch.fromJson(parse(body));
        List<ImportValidation.Valid> valid = validation.check(partnerId, batch, Instant.now());
        List<ImportJobRepository.Item> items = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            items.add(sealed(importId, i, valid.get(i)));
        }
        String actor = personalData.seal(call.actor(), call.actor());
        if (!jobs.create(importId, partnerId, requestHash, actor, items, Instant.now())) {
            // The same key raced us and won.
            return replayed(importId, requestHash);
        }
        worker.kick();
        return Response.accepted(view(jobs.find(importId).orElseThrow()))
                .location(URI.create("/api/v1/imports/" + importId)).build();
    }

    @GET
    @Path("/{importId}")
    @Operation(summary = "An import's progress", description = "RUNNING with how many past assessments are "
            + "recorded, then DONE; lastError says why the latest attempt failed (it is retried, up to five attempts "
            + "in all, then FAILED: what was recorded stays, send the rest under a new key).")
    @APIResponse(responseCode = "200", description = "The import", content = @Content(
            schema = @Schema(implementation = ImportView.class), examples = @ExampleObject(name = "done", value =
            "{\"importId\":\"1b9d...\",\"status\":\"DONE\",\"total\":2,\"done\":2,\"assessmentIds\":[\"7c1e...\","
                    + "\"90ab...\"],\"createdAt\":\"2026-11-27T09:00:00Z\",\"finishedAt\":\"2026-11-27T09:00:01Z\","
                    + "\"lastError\":null}")))
    @APIResponse(responseCode = "404", description = "No such import for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public ImportView get(@PathParam("importId") String importId) {
        return jobs.find(importId).filter(job -> job.partnerId().equals(call.partnerId())).map(ImportResource::view)
                .orElseThrow(() -> ApiProblem.notFound("Import", importId));
    }

    private Response replayed(String importId, String requestHash) {
        return jobs.find(importId).map(job -> {
            if (!job.requestHash().equals(requestHash)) {
                throw new ApiProblem(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "This Idempotency-Key made import " + importId + " with another body", List.of());
            }
            return Response.ok(view(job)).header("Idempotent-Replayed", "true").build();
        }).orElse(null);
    }

    /** Who answered, and what they wrote, sealed with their key (the importing person's when none is named). */
    private ImportJobRepository.Item sealed(String importId, int index, ImportValidation.Valid valid) {
        String subject = valid.answeredBy() != null ? valid.answeredBy() : call.actor();
        return new ImportJobRepository.Item(UUID.nameUUIDFromBytes((importId + "/" + index).getBytes(StandardCharsets.UTF_8))
                .toString(), valid.companyId(), valid.at(), valid.questionnaireVersion(),
                personalData.seal(subject, subject), valid.answers().stream().map(a -> new ImportValidation.ValidAnswer(
                a.questionId(), personalData.seal(a.answer(), subject))).toList());
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String body) {
        try {
            return json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid("body", "must be well-formed JSON");
        }
    }

    private static ImportView view(ImportJobRepository.Job job) {
        return new ImportView(job.importId(), job.status(), job.total(), job.done(), job.assessmentIds(),
                job.createdAt(), job.finishedAt(), job.lastError());
    }

    @Schema(name = "ImportProgress")
    public record ImportView(String importId,
                             ImportJobRepository.Status status,
                             int total, int done, List<String> assessmentIds, Instant createdAt, Instant finishedAt,
                             String lastError) {
    }

    /** The JSON form, for the API document. */
    @Schema(name = "ImportRequest")
    public record ImportRequest(List<PastAssessment> assessments) {

        @Schema(name = "PastAssessment")
        public record PastAssessment(
                @Schema(required = true) String companyId,
                @Schema(required = true, description = "2024-01-15 (midnight UTC) or an instant", example = "2024-01-15")
                String date,
                @Schema(description = "Default: the current version", example = "v1") String questionnaireVersion,
                @Schema(description = "Who answered (personal data, erasable)", example = "ana@cliente.example")
                String answeredBy,
                @Schema(required = true, description = "By question id, each as the body of PUT .../answers/{id}")
                Map<String, AnswerRequest> answers) {
        }
    }
}
