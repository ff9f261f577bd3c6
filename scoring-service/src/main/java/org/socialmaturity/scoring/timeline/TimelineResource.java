package org.socialmaturity.scoring.timeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.scoring.maturity.MaturityView;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.CsvCells;
import org.socialmaturity.web.CsvExport;
import org.socialmaturity.web.Instants;
import org.socialmaturity.http.Page;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.web.privacy.PersonalData;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;

@Path("/api/v1")
@Tag(name = "Trajectory and history", description = "How a company's maturity evolved, answer by answer")
public class TimelineResource {

    private static final Logger LOG = Logger.getLogger(TimelineResource.class);

    static final String CSV = "text/csv";
    private static final ObjectWriter HISTORY_ROWS = CsvExport.rowsOf(HistoryRow.class, ";");

    private final CallContext call;
    private final TimelineRepository timelines;
    private final ObjectMapper json;
    private final PersonalData personalData;

    TimelineResource(CallContext call, TimelineRepository timelines, ObjectMapper json, PersonalData personalData) {
        this.call = call;
        this.timelines = timelines;
        this.json = json;
        this.personalData = personalData;
    }

    @GET
    @Path("/companies/{companyId}/trajectory")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A company's maturity trajectory",
            description = "A point for every recorded answer (provisional until the result is determinate), and the "
                    + "phase transitions with the event that caused each. from and to bound the instants, inclusive.")
    @APIResponse(responseCode = "200", description = "The trajectory", content = @Content(
            schema = @Schema(implementation = Trajectory.class), examples = @ExampleObject(name = "trajectory",
            value = "{\"companyId\":\"5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10\",\"points\":[{\"at\":\"2026-11-23T09:20:00Z\","
                    + "\"eventId\":\"e-1\",\"globalIndex\":41,\"assessmentId\":\"a-1\",\"index\":33.3,\"phase\":2,"
                    + "\"quadrant\":\"OBSERVERS\",\"determinate\":true}],\"transitions\":[{\"at\":\"2026-11-23T09:20:00Z\","
                    + "\"from\":null,\"to\":2,\"causeEventId\":\"e-1\"}]}")))
    @APIResponse(responseCode = "400", description = "from or to is not an ISO-8601 instant",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response trajectory(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(description = "Earliest instant, inclusive", example = "2026-01-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "Latest instant, inclusive", example = "2026-12-31T23:59:59Z") @QueryParam("to") String to) {
        Instant since = Instants.parameter("from", from);
        Instant until = Instants.parameter("to", to);
        if (since != null && until != null && until.isBefore(since)) {
            throw ApiProblem.invalid("to", "must not be before from");
        }
        TimelineView view = timelines.view(call.partnerId(), companyId);
        int[] range = view.range(since, until);
        List<Transition> transitions = view.timeline().transitions.stream().filter(t -> within(t.at(), since, until))
                .map(t -> new Transition(t.at(), t.from(), t.to(), t.causeEventId())).toList();
        try {
            // The points are joined from their cached JSON: a company with 10,000 answers answers in milliseconds.
            StringBuilder body = new StringBuilder(64 + (range[1] - range[0]) * 200)
                    .append("{\"companyId\":").append(json.writeValueAsString(companyId)).append(",\"points\":[");
            for (int i = range[0]; i < range[1]; i++) {
                if (i > range[0]) {
                    body.append(',');
                }
                body.append(view.points().get(i));
            }
            body.append("],\"transitions\":").append(json.writeValueAsString(transitions)).append('}');
            return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable trajectory of " + companyId, e);
        }
    }

    @GET
    @Path("/companies/{companyId}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The audit history of a company",
            description = "Every answer in the order it was recorded: who, when, the question, the previous and the "
                    + "new answer, the correlation id of the request, and the index and phase that resulted. JSON is "
                    + "paged (page from 0, size 1-100, default 20); Accept: text/csv exports every entry.")
    @APIResponse(responseCode = "200", description = "The history", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "json",
                    value = "{\"items\":[{\"at\":\"2026-11-23T09:20:00Z\",\"actor\":\"maria@portal.example\",\"assessmentId\":\"a-1\","
                            + "\"questionId\":\"governance-owner\",\"previousAnswer\":{\"optionId\":\"junior-marketer\"},"
                            + "\"answer\":{\"optionId\":\"director\"},\"level\":3,\"correlationId\":\"portal-req-42\","
                            + "\"eventId\":\"e-7\",\"globalIndex\":47,\"index\":41.7,\"phase\":2,\"determinate\":true}],"
                            + "\"page\":0,\"size\":20,\"total\":1}")),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "csv",
                    value = "at,actor,assessmentId,questionId,previousAnswer,answer,level,correlationId,eventId,globalIndex,index,phase,determinate,evidence,importId\n"
                            + "2026-11-23T09:20:00Z,maria@portal.example,a-1,governance-owner,junior-marketer,director,3,portal-req-42,e-7,47,41.7,2,true,"
                            + "https://intranet.example/org-chart.pdf,\n"))})
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Page<HistoryEntry> history(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(description = "Page number, from 0", example = "0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1-100 (default 20)", example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        Page.Request request = Page.Request.parse(page, size);
        TimelineView view = timelines.view(call.partnerId(), companyId);
        return Page.of(timelines.historyPage(view, request.offset(), request.size()).stream()
                .map(e -> HistoryEntry.of(e, personalData)).toList(), request, view.entries().size());
    }

    @GET
    @Path("/companies/{companyId}/history")
    @Produces(CSV)
    @Operation(hidden = true)
    public Response historyCsv(@PathParam("companyId") String companyId) {
        TimelineRepository.Walk entries = timelines.walk(call.partnerId(), companyId);
        // Written as it is read: a company with 100,000 long answers is exported in the memory of a few pages.
        StreamingOutput csv = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            try (SequenceWriter rows = HISTORY_ROWS.writeValues(out)) {
                entries.forEach(e -> {
                    try {
                        rows.write(HistoryRow.of(e, personalData));
                    } catch (IOException failed) {
                        throw new UncheckedIOException(failed);
                    }
                });
            } catch (UncheckedIOException failed) {
                // The caller went away: nothing to answer.
                throw failed.getCause();
            } catch (RuntimeException failed) {
                // The head and part of the rows are sent: the export ends cut short, and says why here.
                LOG.errorf(failed, "Export of the history of %s failed part-way", companyId);
                throw failed;
            }
            out.flush();
        };
        return Response.ok(csv, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"history-" + companyId + ".csv\"")
                .build();
    }

    private static boolean within(Instant at, Instant since, Instant until) {
        return (since == null || !at.isBefore(since)) && (until == null || !at.isAfter(until));
    }

    static String answerText(RawAnswer answer) {
        if (answer == null) {
            return "";
        }
        if (answer.isNotApplicable()) {
            return "not applicable (" + answer.reason() + ")";
        }
        String text = answer.optionId() != null ? answer.optionId() : answer.value().toPlainString();
        return answer.note() == null ? text : text + " (" + answer.note() + ")";
    }

    /** Each item of the answer's evidence: a link and its document's hash, or an attachment by name and hash. */
    static String evidenceText(RawAnswer answer) {
        if (answer == null || answer.evidence() == null) {
            return "";
        }
        return String.join(" ; ", answer.evidence().stream().map(e -> (e.attachment()
                ? "attachment " + e.attachmentName() : e.url())
                + (e.sha256() == null ? "" : " sha256:" + e.sha256())).toList());
    }

    /** One row of the history's CSV export: what a spreadsheet shows of one recorded answer. */
    @JsonPropertyOrder({"at", "actor", "assessmentId", "questionId", "previousAnswer", "answer", "level",
            "correlationId", "eventId", "globalIndex", "index", "phase", "determinate", "evidence", "importId"})
    record HistoryRow(Instant at, String actor, String assessmentId, String questionId, String previousAnswer,
                      String answer, Integer level, String correlationId, String eventId, long globalIndex,
                      double index, int phase, boolean determinate, String evidence, String importId) {

        static HistoryRow of(Entry e, PersonalData personalData) {
            RawAnswer answer = personalData.reveal(e.answer());
            return new HistoryRow(e.at(), CsvCells.neutralized(personalData.reveal(e.actor())), e.assessmentId(),
                    e.questionId(), CsvCells.neutralized(answerText(personalData.reveal(e.previousAnswer()))),
                    CsvCells.neutralized(answerText(answer)),
                    e.level() == Question.NOT_APPLICABLE ? null : e.level(), CsvCells.neutralized(e.correlationId()),
                    e.eventId(), e.globalIndex(), MaturityView.oneDecimal(e.maturity().index()),
                    e.maturity().phase(), e.maturity().determinate(), CsvCells.neutralized(evidenceText(answer)),
                    CsvCells.neutralized(e.importId()));
        }
    }

    @Schema(name = "Trajectory")
    public record Trajectory(String companyId, List<Point> points, List<Transition> transitions) {
    }

    @Schema(name = "TrajectoryPoint", description = "The maturity after one recorded answer")
    public record Point(Instant at, String eventId, long globalIndex, String assessmentId, double index, int phase,
                        Quadrant quadrant, boolean determinate,
                        @Schema(description = "The version the point is scored under: the newest the company had "
                                + "answered by then") String questionnaireVersion,
                        @Schema(description = "Answers to other versions that do not count at this point "
                                + "(version/questionId): no mapping carries them") List<String> notCarried) {
        static Point of(Entry e) {
            return new Point(e.at(), e.eventId(), e.globalIndex(), e.assessmentId(),
                    MaturityView.oneDecimal(e.maturity().index()), e.maturity().phase(), e.maturity().quadrant(),
                    e.maturity().determinate(), e.maturity().questionnaireVersion(), e.maturity().notCarried());
        }
    }

    @Schema(name = "PhaseTransition", description = "A determinate phase change; from is null for the first one")
    public record Transition(Instant at, Integer from, int to, String causeEventId) {
    }

    @Schema(name = "HistoryEntry")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HistoryEntry(Instant at, String actor, String assessmentId, String questionId,
                               RawAnswer previousAnswer, RawAnswer answer,
                               @Schema(description = "1-4; null when the question does not apply") Integer level,
                               String correlationId,
                               String eventId, long globalIndex, double index, int phase, boolean determinate,
                               @Schema(description = "The import it came with (POST /api/v1/imports); null for an "
                                       + "answer recorded live") String importId) {
        /** The entry as partners and auditors read it: who answered and the notes revealed, or "erased". */
        static HistoryEntry of(Entry e, PersonalData personalData) {
            return new HistoryEntry(e.at(), personalData.reveal(e.actor()), e.assessmentId(), e.questionId(),
                    personalData.reveal(e.previousAnswer()), personalData.reveal(e.answer()),
                    e.level() == Question.NOT_APPLICABLE ? null : e.level(), e.correlationId(), e.eventId(),
                    e.globalIndex(),
                    MaturityView.oneDecimal(e.maturity().index()), e.maturity().phase(), e.maturity().determinate(),
                    e.importId());
        }
    }
}
