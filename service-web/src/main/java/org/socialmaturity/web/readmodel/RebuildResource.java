package org.socialmaturity.web.readmodel;

import jakarta.ws.rs.DELETE;
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
import org.socialmaturity.http.AdminKey;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.web.ServiceProjection;

/**
 * {@code /api/v1/admin/projections/{service}/replay} of every service: rebuilds the service's read model side by side
 * ({@link ReadModelSlots}). Another service's name answers 404, so that behind the gateway each path reaches the
 * service it names.
 */
@Path("/api/v1/admin/projections/{service}/replay")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class RebuildResource {

    private final AdminKey admin;
    private final ReadModelSlots slots;
    private final ServiceProjection projection;

    RebuildResource(AdminKey admin, ReadModelSlots slots, ServiceProjection projection) {
        this.admin = admin;
        this.slots = slots;
        this.projection = projection;
    }

    @POST
    @Operation(summary = "Rebuild a service's read models from the first event, side by side",
            description = "Builds a new generation of the read models from the first event while partners keep "
                    + "reading the current one; once it has caught up with the head it becomes current at once and "
                    + "the old one is dropped. No phase change, advice or webhook is added: read models are built "
                    + "apart from the decisions. Any number of replicas may run meanwhile; a rebuild survives their "
                    + "restarts. Answers 202 at once; GET this path for progress, DELETE it to cancel.")
    @APIResponse(responseCode = "202", description = "Rebuild started", content = @Content(
            schema = @Schema(implementation = RebuildStatus.class),
            examples = @ExampleObject(name = "started", value = RebuildStatus.EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "A rebuild is running already",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response start(@Parameter(example = "scoring") @PathParam("service") String name,
                          @HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        return Response.accepted(slots.rebuild(projection.readModelOf(name))).build();
    }

    @GET
    @Operation(summary = "Progress of the rebuild", description = "processed of total events, the rate, the time "
            + "left, and whether it is done.")
    @APIResponse(responseCode = "200", description = "Progress", content = @Content(
            schema = @Schema(implementation = RebuildStatus.class),
            examples = @ExampleObject(name = "progress", value = RebuildStatus.EXAMPLE)))
    public RebuildStatus progress(@Parameter(example = "scoring") @PathParam("service") String name,
                                  @HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        return slots.status(projection.readModelOf(name));
    }

    @DELETE
    @Operation(summary = "Cancel the rebuild", description = "Drops the generation being built; partners go on "
            + "reading the current one, which was never touched.")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(
            schema = @Schema(implementation = RebuildStatus.class),
            examples = @ExampleObject(name = "cancelled", value = RebuildStatus.CANCELLED_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "No rebuild is running",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public RebuildStatus cancel(@Parameter(example = "scoring") @PathParam("service") String name,
                                @HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        return slots.cancel(projection.readModelOf(name));
    }
}
