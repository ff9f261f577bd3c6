package org.socialmaturity.scoring.consistency;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.http.AdminKey;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.web.consistency.ConsistencyCheck;
import org.socialmaturity.web.consistency.ConsistencyCheck.ConsistencyReport;
import org.socialmaturity.web.consistency.ConsistencyResource;

/** {@code /api/v1/admin/consistency}: the audit trail's check, scoring's read models against the event store. */
@Path("/api/v1/admin/consistency")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class AuditConsistencyResource {

    private final AdminKey admin;
    private final ConsistencyCheck check;

    AuditConsistencyResource(AdminKey admin, ConsistencyCheck check) {
        this.admin = admin;
        this.check = check;
    }

    @GET
    @Operation(summary = "Check the audit read models against the event store",
            description = "The audit trail's check, on scoring-service: per company, the recorded answers against the "
                    + "history and trajectory, the declared phase and quadrant changes against the timeline. The same "
                    + "as /api/v1/admin/projections/scoring/consistency; each service checks its own read models "
                    + "there (recommendation: every change advised in its advice log). " + ConsistencyResource.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The report; no differences when everything agrees",
            content = @Content(schema = @Schema(implementation = ConsistencyReport.class),
                    examples = @ExampleObject(name = "one company dead-lettered", value = ConsistencyResource.EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public ConsistencyReport check(@HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        return check.run();
    }
}
