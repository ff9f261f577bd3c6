package org.socialmaturity.scoring.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.scoring.timeline.TimelineRepository;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.Countries;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.http.Violation;

@Path("/api/v1/benchmarks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Maturity")
public class BenchmarkResource {

    private final CallContext call;
    private final Benchmarks benchmarks;
    private final TimelineRepository timelines;

    BenchmarkResource(CallContext call, Benchmarks benchmarks, TimelineRepository timelines) {
        this.call = call;
        this.benchmarks = benchmarks;
        this.timelines = timelines;
    }

    @GET
    @Operation(summary = "How comparable companies stand, across all partners",
            description = "The distribution of phases and quadrants among the companies of a sector, country and size "
                    + "band (all three required: groups are cells, never unions, so that no two answers differ by a "
                    + "few companies), counting every partner's companies with a determinate maturity, and with "
                    + "companyId one of your companies' percentile of index among them. Shown only when the group, "
                    + "without your own companies, has at least 5 companies from at least 3 partners and no company's "
                    + "index is more than 25% of theirs; otherwise available is false and nothing else is said. "
                    + "Computed from data at most platform.benchmarks.refresh (10 s) old.")
    @APIResponse(responseCode = "200", description = "The benchmark, or why the group is not shown", content = @Content(
            schema = @Schema(implementation = Benchmark.class), examples = {
            @ExampleObject(name = "shown", value = "{\"group\":{\"sector\":\"airlines\",\"country\":\"ES\","
                    + "\"size\":\"LARGE\"},\"available\":true,\"reason\":null,\"companies\":12,\"partners\":4,"
                    + "\"percentile\":62.5,\"phases\":{\"1\":2,\"2\":5,\"3\":4,\"4\":1},\"quadrants\":{\"OBSERVERS\":3,"
                    + "\"CONSERVATIVE\":4,\"CONTENDERS\":1,\"SOCIAL_FIRST\":4}}"),
            @ExampleObject(name = "too small", value = "{\"group\":{\"sector\":\"airlines\",\"country\":\"PT\","
                    + "\"size\":\"LARGE\"},\"available\":false,\"reason\":\"" + BenchmarkRules.TOO_SMALL + "\","
                    + "\"companies\":null,\"partners\":null,\"percentile\":null,\"phases\":null,\"quadrants\":null}")}))
    @APIResponse(responseCode = "400", description = "A criterion is malformed",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "companyId is not one of your companies",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Benchmark benchmark(
            @Parameter(description = "As given at registration; compared without case", example = "airlines",
                    required = true)
            @QueryParam("sector") String sector,
            @Parameter(description = "ISO 3166-1 alpha-2, upper case", example = "ES", required = true)
            @QueryParam("country") String country,
            @Parameter(description = "MICRO (< 10 employees), SMALL (< 50), MEDIUM (< 250) or LARGE", example = "LARGE",
                    required = true)
            @QueryParam("size") String size,
            @Parameter(description = "One of your companies, for its percentile in the group")
            @QueryParam("companyId") String companyId) {
        List<Violation> violations = new ArrayList<>();
        if (sector == null || sector.isBlank() || sector.length() > 100) {
            violations.add(new Violation("sector", "is required, 1-100 characters"));
        }
        if (!Countries.isCode(country)) {
            violations.add(new Violation("country", "is required and " + Countries.RULE));
        }
        SizeBand band = Arrays.stream(SizeBand.values()).filter(b -> b.name().equals(size)).findFirst().orElse(null);
        if (band == null) {
            violations.add(new Violation("size", "is required: one of " + Arrays.toString(SizeBand.values())));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        if (companyId != null) {
            timelines.require(call.partnerId(), companyId);
        }
        return benchmarks.of(new Group(sector.strip(), country, band), Optional.ofNullable(companyId),
                call.partnerId());
    }
}
