package org.socialmaturity.scoring.maturity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.maturity.MaturityRules.DimensionScore;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.scoring.benchmark.Benchmarks;
import org.socialmaturity.scoring.timeline.CompanyTimeline;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.scoring.timeline.TimelineView;
import org.socialmaturity.scoring.timeline.TimelineRepository;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.Instants;
import org.socialmaturity.web.LanguageNegotiation;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.http.Violation;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Maturity", description = "A company's maturity now or at any past instant, and how two assessments compare")
public class MaturityResource {

    private final CallContext call;
    private final TimelineRepository timelines;
    private final QuestionnaireCatalogue catalogue;
    private final Benchmarks benchmarks;

    MaturityResource(CallContext call, TimelineRepository timelines, QuestionnaireCatalogue catalogue, Benchmarks benchmarks) {
        this.call = call;
        this.timelines = timelines;
        this.catalogue = catalogue;
        this.benchmarks = benchmarks;
    }

    @GET
    @Path("/companies/{companyId}/maturity")
    @Operation(summary = "A company's maturity, now or as of an instant",
            description = "The maturity after the last answer recorded at or before asOf (default: now), exactly as "
                    + "a recomputation from the events up to that instant gives it.")
    @APIResponse(responseCode = "200", description = "The maturity", content = @Content(
            schema = @Schema(implementation = MaturityView.class),
            examples = @ExampleObject(name = "phase 2", value = MaturityView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public MaturityView maturity(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(description = "ISO-8601 UTC instant; default now", example = "2026-11-23T10:00:00Z")
            @QueryParam("asOf") String asOf,
            @Parameter(description = "Language of the phase name: en or es", example = "en") @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Instant at = Instants.parameter("asOf", asOf);
        Language language = LanguageNegotiation.choose(lang, acceptLanguage);
        TimelineView timeline = timelines.view(call.partnerId(), companyId);
        Instant instant = at != null ? at : Instant.now();
        Maturity scored = timeline.asOf(instant).map(Entry::maturity).orElse(null);
        MaturityView maturity = scored != null ? MaturityView.of(companyId, instant, scored, catalogue, language)
                : MaturityView.unknown(companyId, instant, catalogue.current().requiredQuestions().size());
        if (at != null) {
            return maturity;
        }
        CompanyTimeline company = timeline.timeline();
        TargetView target = company.target == null ? null
                : TargetView.of(company.target, scored, LocalDate.now(ZoneOffset.UTC));
        return maturity.now(benchmarks.ofCompany(company).orElse(null), target);
    }

    @GET
    @Path("/companies/{companyId}/assessments/compare")
    @Operation(summary = "Compare two assessments",
            description = "The company's maturity when each assessment's last answer was recorded: per dimension the "
                    + "two scores and the change, and the phase and quadrant of each.")
    @APIResponse(responseCode = "200", description = "The comparison", content = @Content(
            schema = @Schema(implementation = Comparison.class), examples = @ExampleObject(name = "rise",
            value = "{\"companyId\":\"5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10\","
                    + "\"a\":{\"assessmentId\":\"a-1\",\"at\":\"2026-01-10T10:00:00Z\",\"determinate\":true,\"phase\":2,\"quadrant\":\"OBSERVERS\",\"index\":33.3},"
                    + "\"b\":{\"assessmentId\":\"a-2\",\"at\":\"2026-06-10T10:00:00Z\",\"determinate\":true,\"phase\":3,\"quadrant\":\"SOCIAL_FIRST\",\"index\":66.7},"
                    + "\"dimensions\":[{\"id\":\"GOVERNANCE\",\"a\":2.0,\"b\":3.0,\"change\":1.0}]}")))
    @APIResponse(responseCode = "400", description = "a or b missing", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "No such company, or an assessment of it without answers",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Comparison compare(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(description = "The earlier assessment", example = "a-1") @QueryParam("a") String a,
            @Parameter(description = "The later assessment", example = "a-2") @QueryParam("b") String b) {
        List<Violation> missing = new ArrayList<>();
        if (a == null || a.isBlank()) {
            missing.add(new Violation("a", "is required: an assessment id of the company"));
        }
        if (b == null || b.isBlank()) {
            missing.add(new Violation("b", "is required: an assessment id of the company"));
        }
        if (!missing.isEmpty()) {
            throw ApiProblem.invalid(missing);
        }
        TimelineView timeline = timelines.view(call.partnerId(), companyId);
        Entry first = timeline.lastOf(a).orElseThrow(() -> ApiProblem.notFound("Answered assessment", a));
        Entry second = timeline.lastOf(b).orElseThrow(() -> ApiProblem.notFound("Answered assessment", b));
        List<DimensionChange> dimensions = new ArrayList<>();
        for (int i = 0; i < first.maturity().dimensions().size(); i++) {
            DimensionScore x = first.maturity().dimensions().get(i);
            DimensionScore y = second.maturity().dimensions().get(i);
            dimensions.add(new DimensionChange(x.id(), round(x.score()), round(y.score()),
                    x.score() == null || y.score() == null ? null : round(y.score() - x.score())));
        }
        return new Comparison(companyId, Side.of(a, first), Side.of(b, second), dimensions);
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }

    @Schema(name = "AssessmentComparison")
    public record Comparison(String companyId, Side a, Side b, List<DimensionChange> dimensions) {
    }

    @Schema(name = "ComparedAssessment")
    public record Side(String assessmentId, Instant at, boolean determinate, int phase, Quadrant quadrant,
                       double index) {
        static Side of(String assessmentId, Entry entry) {
            return new Side(assessmentId, entry.at(), entry.maturity().determinate(), entry.maturity().phase(),
                    entry.maturity().quadrant(), MaturityView.oneDecimal(entry.maturity().index()));
        }
    }

    @Schema(name = "DimensionChange")
    public record DimensionChange(String id, Double a, Double b, Double change) {
    }
}
