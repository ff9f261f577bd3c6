package org.socialmaturity.scoring.report;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.LanguageNegotiation;
import org.socialmaturity.http.ProblemMappers;

@Path("/api/v1")
@Tag(name = "Report", description = "A printable report of a company for its partner to hand over")
public class ReportResource {

    static final String PDF = "application/pdf";

    private final CallContext call;
    private final CompanyReports reports;
    private final ReportRenderer renderer;

    ReportResource(CallContext call, CompanyReports reports, ReportRenderer renderer) {
        this.call = call;
        this.reports = reports;
        this.renderer = renderer;
    }

    @GET
    @Path("/companies/{companyId}/report")
    @Produces(PDF)
    @Operation(summary = "A printable report of a company (PDF)",
            description = "The company's maturity now (index, phase, SMI quadrant), its trajectory drawn over the "
                    + "four phase bands with its phase changes, its dimension scores and those holding it below the "
                    + "next phase, the advice it was issued with the seed each item cites, and the global index of "
                    + "the last event it was built from; in English or Spanish (?lang=, else Accept-Language).")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = PDF,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "lang is neither en nor es",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response report(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(description = "en or es", example = "es") @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Language language = LanguageNegotiation.choose(lang, acceptLanguage);
        byte[] pdf = renderer.render(reports.of(call.partnerId(), companyId, language));
        return Response.ok(pdf, PDF)
                .header("Content-Disposition", "inline; filename=\"report-" + companyId + "-" + language.code()
                        + ".pdf\"")
                .build();
    }
}
