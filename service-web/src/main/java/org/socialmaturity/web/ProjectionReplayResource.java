package org.socialmaturity.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.web.ProjectionReplay.ReplayStatus;

/**
 * {@code /api/v1/admin/projections/{service}/replay} of every service: rebuilds the service's projection
 * ({@code platform.replay.processor}) from the first event. Another service's name answers 404, so that behind the
 * gateway each path reaches the service it names.
 */
@Path("/api/v1/admin/projections/{service}/replay")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class ProjectionReplayResource {

    private final AdminGuard admin;
    private final ProjectionReplay replay;
    private final ServiceProjection projection;

    ProjectionReplayResource(AdminGuard admin, ProjectionReplay replay, ServiceProjection projection) {
        this.admin = admin;
        this.replay = replay;
        this.projection = projection;
    }

    @POST
    @Operation(summary = "Rebuild a service's read models from the first event",
            description = "Clears the read models and replays the event store into them. Side effects (phase "
                    + "changes, advice, webhooks) are keyed by their cause and are not repeated. Answers 202 at once; "
                    + "GET this path for progress. Needs every segment: scale the service to one replica first.")
    @APIResponse(responseCode = "202", description = "Replay started", content = @Content(
            schema = @Schema(implementation = ReplayStatus.class),
            examples = @ExampleObject(name = "started", value = ReplayStatus.EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "Another replica holds a segment of the processor",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response start(@Parameter(example = "scoring") @PathParam("service") String name,
                          @HeaderParam(AdminGuard.ADMIN_KEY) String adminKey) {
        admin.require(adminKey);
        return Response.accepted(replay.start(projection.processorOf(name))).build();
    }

    @GET
    @Operation(summary = "Progress of the replay", description = "processed of total events, and whether it is done.")
    @APIResponse(responseCode = "200", description = "Progress", content = @Content(
            schema = @Schema(implementation = ReplayStatus.class),
            examples = @ExampleObject(name = "progress", value = ReplayStatus.EXAMPLE)))
    public ReplayStatus progress(@Parameter(example = "scoring") @PathParam("service") String name,
                                 @HeaderParam(AdminGuard.ADMIN_KEY) String adminKey) {
        admin.require(adminKey);
        return replay.status(projection.processorOf(name));
    }
}
