package org.socialmaturity.scoring.evidence;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.scoring.timeline.TimelineView;
import org.socialmaturity.scoring.timeline.TimelineRepository;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.web.evidence.Attachments;
import org.socialmaturity.web.privacy.PersonalData;

@Path("/api/v1")
@Tag(name = "Trajectory and history", description = "How a company's maturity evolved, answer by answer")
public class AttachmentResource {

    private final CallContext call;
    private final TimelineRepository timelines;
    private final Attachments attachments;
    private final PersonalData personalData;

    AttachmentResource(CallContext call, TimelineRepository timelines, Attachments attachments, PersonalData personalData) {
        this.call = call;
        this.timelines = timelines;
        this.attachments = attachments;
        this.personalData = personalData;
    }

    @GET
    @Path("/companies/{companyId}/attachments/{sha256}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "An attachment an answer of the company gave as evidence",
            description = "The document exactly as it was attached, named by its SHA-256 (as the answer's evidence, "
                    + "the history and the dossier name it), always as a download. Only an attachment one of the "
                    + "company's answers names is served.")
    @APIResponse(responseCode = "200", description = "The document, with the media type it was attached with",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such company for this partner, or no answer of it names "
            + "this attachment", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response attachment(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            @PathParam("sha256") String sha256) {
        TimelineView view = timelines.view(call.partnerId(), companyId);
        Evidence named = view.attachmentsNamed().filter(e -> sha256.equals(e.sha256())).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Attachment", sha256));
        Attachments.Attachment kept = attachments.find(sha256)
                .orElseThrow(() -> new IllegalStateException("Attachment " + sha256 + " named by an answer of "
                        + companyId + " is not kept"));
        // As this company's answer named it: the same bytes may have been attached by another partner, differently.
        return Response.ok(kept.content(), named.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + safeName(personalData.reveal(
                        named.attachmentName())) + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .build();
    }

    private static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._ -]", "_");
    }
}
