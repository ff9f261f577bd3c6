package org.socialmaturity.recommendations.advice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
import org.socialmaturity.contracts.advice.AdviceCatalogue;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.advice.RoadmapStatus;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.recommendations.advice.AdviceLogView.Assignment;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.CsvCells;
import org.socialmaturity.web.CsvExport;
import org.socialmaturity.web.Commands;
import org.socialmaturity.web.LanguageNegotiation;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.web.privacy.PersonalData;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

@Path("/api/v1/companies/{companyId}/roadmap")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Advice")
public class RoadmapResource {

    static final String CSV = "text/csv";
    private static final ObjectWriter CSV_ROWS = CsvExport.rowsOf(RoadmapItem.class, ";");

    private final CallContext call;
    private final AdviceLogProjection logs;
    private final AdviceCatalogue catalogue;
    private final QuestionnaireCatalogue questionnaires;
    private final Commands commands;
    private final PersonalData personalData;

    RoadmapResource(CallContext call, AdviceLogProjection logs, AdviceCatalogue catalogue, QuestionnaireCatalogue questionnaires,
                    Commands commands, PersonalData personalData) {
        this.call = call;
        this.logs = logs;
        this.catalogue = catalogue;
        this.questionnaires = questionnaires;
        this.commands = commands;
        this.personalData = personalData;
    }

    @GET
    @Operation(summary = "The company's roadmap",
            description = "Every item of advice issued to the company, once, in the order first issued, with who owns "
                    + "it, by when and where it stands (OPEN until assigned). In English or Spanish (?lang=, else "
                    + "Accept-Language). Accept: text/csv exports it for a spreadsheet (advice ids separated by ';').")
    @APIResponse(responseCode = "200", description = "The roadmap", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoadmapView.class),
                    examples = @ExampleObject(name = "json", value = "{\"companyId\":\"5f0c3e9a-...\",\"items\":[{"
                            + "\"code\":\"PHASE.2\",\"title\":\"Phase 2, Path to Adoption: form the cross-functional "
                            + "working group\",\"status\":\"IN_PROGRESS\",\"owner\":\"lucia@cliente.example\","
                            + "\"due\":\"2027-03-31\",\"updatedAt\":\"2026-11-27T09:00:00Z\",\"updatedBy\":"
                            + "\"maria@portal.example\",\"firstIssuedAt\":\"2026-11-23T09:45:00Z\",\"lastIssuedAt\":"
                            + "\"2026-11-23T09:45:00Z\",\"adviceIds\":[\"8a7c...\"],\"source\":\"004 · Fase dos\","
                            + "\"body\":\"Bring sales, marketing, legal, HR and IT into a working group...\"}]}")),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = "code,title,status,owner,due,"
                    + "updatedAt,updatedBy,firstIssuedAt,lastIssuedAt,adviceIds,source,body\nPHASE.2,\"Phase 2, Path to "
                    + "Adoption: form the cross-functional working group\",IN_PROGRESS,lucia@cliente.example,"
                    + "2027-03-31,2026-11-27T09:00:00Z,maria@portal.example,2026-11-23T09:45:00Z,"
                    + "2026-11-23T09:45:00Z,8a7c...,004 · Fase dos,\"Bring sales, marketing, ...\"\n"))})
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public RoadmapView roadmap(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(description = "en or es", example = "es") @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Language language = LanguageNegotiation.choose(lang, acceptLanguage);
        AdviceLogView log = logs.require(call.partnerId(), companyId);
        return new RoadmapView(companyId, Roadmap.of(log).stream().map(item -> view(item, language)).toList());
    }

    @GET
    @Produces(CSV)
    @Operation(hidden = true)
    public Response roadmapCsv(@PathParam("companyId") String companyId, @QueryParam("lang") String lang,
                               @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        RoadmapView roadmap = roadmap(companyId, lang, acceptLanguage);
        try {
            List<RoadmapItem> rows = roadmap.items().stream().map(RoadmapItem::forSpreadsheet).toList();
            return Response.ok(CSV_ROWS.writeValueAsString(rows),
                            CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"roadmap-" + companyId + ".csv\"")
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable roadmap of " + companyId, e);
        }
    }

    @PUT
    @Path("/{itemCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign an item of the company's roadmap",
            description = "Sets who owns an item of advice issued to the company, its due date and its status, "
                    + "replacing the previous assignment (the same assignment again records nothing). The owner is "
                    + "personal data: it is stored sealed with the owner's own key and shows \"erased\" once that "
                    + "person is erased.")
    @APIResponse(responseCode = "200", description = "The item as assigned",
            content = @Content(schema = @Schema(implementation = RoadmapItem.class)))
    @APIResponse(responseCode = "400", description = "A field breaks a rule",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "No such company for this partner, or no such item issued to it",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public RoadmapItem assign(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(description = "The code of an item of advice issued to the company", example = "PHASE.2")
            @PathParam("itemCode") String itemCode,
            @Parameter(description = "en or es", example = "es") @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Valid @NotNull(message = "is required") RoadmapRequest body) {
        RoadmapRequest.Requested requested = body.requested();
        String partnerId = call.partnerId();
        AdviceLogView log = logs.require(partnerId, companyId);
        Optional<Assignment> current = log.assignmentOf(itemCode);
        Assignment written = current.filter(a -> same(a, requested)).orElseGet(() -> {
            String sealedOwner = personalData.seal(requested.owner(), requested.owner());
            Instant now = Instant.now();
            commands.send(new UpdateRoadmapItem(AdviceIssued.streamIdOf(companyId), companyId, partnerId,
                    itemCode, sealedOwner, requested.due(), requested.status(), now));
            // The actor in clear: revealing text that is not sealed gives it back as it is.
            return new Assignment(itemCode, sealedOwner, requested.due(), requested.status(), now, call.actor());
        });
        // The read model may not list the item yet (its advice was issued a moment ago): then it has no text yet.
        Roadmap.Item item = Roadmap.of(log).stream().filter(i -> i.code().equals(itemCode)).findFirst()
                .orElseGet(() -> new Roadmap.Item(itemCode, List.of(), null, null, List.of(), Optional.empty()));
        return view(item.assigned(Optional.of(written)), LanguageNegotiation.choose(lang, acceptLanguage));
    }

    /** A retried assignment, compared in clear: the owner is sealed afresh each time. */
    private boolean same(Assignment current, RoadmapRequest.Requested requested) {
        return current.status() == requested.status() && Objects.equals(current.due(), requested.due())
                && Objects.equals(personalData.reveal(current.owner()), requested.owner());
    }

    private RoadmapItem view(Roadmap.Item item, Language language) {
        Optional<AdviceCatalogue.Rendered> text = catalogue.item(item.code()).map(known -> catalogue.render(
                List.of(item.code()), item.dimensions(), questionnaires.current(), language).get(0));
        Optional<Assignment> assigned = item.assignment();
        return new RoadmapItem(item.code(), text.map(AdviceCatalogue.Rendered::title).orElse(null),
                assigned.map(Assignment::status).orElse(RoadmapStatus.OPEN),
                assigned.map(a -> personalData.reveal(a.owner())).orElse(null),
                assigned.map(Assignment::due).orElse(null),
                assigned.map(Assignment::updatedAt).orElse(null),
                assigned.map(a -> personalData.reveal(a.updatedBy())).orElse(null),
                item.firstIssuedAt(), item.lastIssuedAt(), item.adviceIds(),
                text.map(AdviceCatalogue.Rendered::source).orElse(null),
                text.map(AdviceCatalogue.Rendered::body).orElse(null));
    }

    @Schema(name = "Roadmap")
    public record RoadmapView(String companyId, List<RoadmapItem> items) {
    }

    /** One item of a roadmap; also the CSV row, in this column order. */
    @Schema(name = "RoadmapItem")
    @JsonPropertyOrder({"code", "title", "status", "owner", "due", "updatedAt", "updatedBy", "firstIssuedAt",
            "lastIssuedAt", "adviceIds", "source", "body"})
    public record RoadmapItem(String code, String title, RoadmapStatus status,
                              @Schema(description = "Who owns it; \"erased\" once that person is erased") String owner,
                              LocalDate due, Instant updatedAt,
                              @Schema(description = "Who assigned it last; \"erased\" once that person is erased")
                              String updatedBy,
                              Instant firstIssuedAt, Instant lastIssuedAt, List<String> adviceIds, String source,
                              String body) {

        /** What people wrote, kept from running as a formula in the spreadsheet that opens the export. */
        RoadmapItem forSpreadsheet() {
            return new RoadmapItem(code, title, status, CsvCells.neutralized(owner), due, updatedAt,
                    CsvCells.neutralized(updatedBy), firstIssuedAt, lastIssuedAt, adviceIds, source, body);
        }
    }
}
