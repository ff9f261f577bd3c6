package org.socialmaturity.recommendations.replay;

import jakarta.ws.rs.GET;
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
import org.socialmaturity.web.ProjectionReplay;
import org.socialmaturity.web.ProjectionReplay.ReplayStatus;
import org.socialmaturity.recommendations.advice.AdviceProjection;
import org.socialmaturity.web.AdminGuard;
import org.socialmaturity.web.ProblemMappers;

@Path("/api/v1/admin/projections/recommendation/replay")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class ReplayResource {

    private final AdminGuard admin;
    private final ProjectionReplay replay;

    ReplayResource(AdminGuard admin, ProjectionReplay replay) {
        this.admin = admin;
        this.replay = replay;
    }

    @POST
    @Operation(summary = "Rebuild the advice read model from the first event",
            description = "Clears every advice log and replays the event store into it. No advice is "
                    + "issued again. Answers 202 at once; GET this path for progress.")
    @APIResponse(responseCode = "202", description = "Replay started", content = @Content(
            schema = @Schema(implementation = ReplayStatus.class),
            examples = @ExampleObject(name = "started", value = ReplayStatus.EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "Another replica holds a segment of the processor",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response start(@HeaderParam(AdminGuard.ADMIN_KEY) String adminKey) {
        admin.require(adminKey);
        return Response.accepted(replay.start(AdviceProjection.PROCESSOR)).build();
    }

    @GET
    @Operation(summary = "Progress of the replay", description = "processed of total events, and whether it is done.")
    @APIResponse(responseCode = "200", description = "Progress", content = @Content(
            schema = @Schema(implementation = ReplayStatus.class),
            examples = @ExampleObject(name = "progress", value = ReplayStatus.EXAMPLE)))
    public ReplayStatus progress(@HeaderParam(AdminGuard.ADMIN_KEY) String adminKey) {
        admin.require(adminKey);
        return replay.status(AdviceProjection.PROCESSOR);
    }
}
