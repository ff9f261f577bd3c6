package org.socialmaturity.web.consistency;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
import org.socialmaturity.web.consistency.ConsistencyCheck.ConsistencyReport;

/** {@code /api/v1/admin/projections/{service}/consistency}: the service's read models against the event store. */
@Path("/api/v1/admin/projections/{service}/consistency")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class ConsistencyResource {

    public static final String EXAMPLE = "{\"processor\":\"maturity-timeline\",\"checkedAt\":\"2026-11-26T08:00:00Z\","
            + "\"head\":12040,\"events\":12041,\"processorPosition\":12040,\"companies\":16,\"consistent\":15,"
            + "\"differences\":[{\"companyId\":\"c-7f3a\",\"readModel\":\"history\",\"expected\":63,\"actual\":61,"
            + "\"firstDifference\":{\"globalIndex\":11980,\"eventId\":\"0b6c...\"},\"state\":\"DEAD_LETTERED\"}]}";
    public static final String DESCRIPTION = "Reads the whole event store and compares, per company, what the service's "
            + "read models should hold with what they hold. Each difference names the first event that differs and "
            + "whether it is healing (CATCHING_UP: the projection has not reached it yet; DEAD_LETTERED: the company "
            + "waits in the dead-letter queue) or not (DIFFERENT). What an operator runs after an incident; it reads "
            + "every event.";

    private final AdminKey admin;
    private final ConsistencyCheck check;
    private final ServiceProjection projection;

    ConsistencyResource(AdminKey admin, ConsistencyCheck check, ServiceProjection projection) {
        this.admin = admin;
        this.check = check;
        this.projection = projection;
    }

    @GET
    @Operation(summary = "Check the service's read models against the event store", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The report; no differences when everything agrees",
            content = @Content(schema = @Schema(implementation = ConsistencyReport.class),
                    examples = @ExampleObject(name = "one company dead-lettered", value = EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public ConsistencyReport check(@Parameter(example = "scoring") @PathParam("service") String name,
                                   @HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        projection.readModelOf(name);
        return check.run();
    }
}
