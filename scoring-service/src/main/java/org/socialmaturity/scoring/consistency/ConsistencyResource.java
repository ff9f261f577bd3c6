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
import org.socialmaturity.scoring.consistency.ConsistencyCheck.ConsistencyReport;
import org.socialmaturity.web.AdminGuard;
import org.socialmaturity.web.ProblemMappers;

@Path("/api/v1/admin/consistency")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class ConsistencyResource {

    static final String EXAMPLE = "{\"checkedAt\":\"2026-11-26T08:00:00Z\",\"head\":12040,\"events\":12041,"
            + "\"processorPosition\":12040,\"companies\":16,\"consistent\":15,\"differences\":[{\"companyId\":"
            + "\"c-7f3a\",\"readModel\":\"history\",\"expected\":63,\"actual\":61,\"firstDifference\":{\"globalIndex\":"
            + "11980,\"eventId\":\"0b6c...\"},\"state\":\"DEAD_LETTERED\"}]}";

    private final AdminGuard admin;
    private final ConsistencyCheck check;

    ConsistencyResource(AdminGuard admin, ConsistencyCheck check) {
        this.admin = admin;
        this.check = check;
    }

    @GET
    @Operation(summary = "Check every read model against the event store",
            description = "Reads the whole event store and compares, per company, the recorded answers with the "
                    + "history and trajectory, the declared phase and quadrant changes with the timeline, and the "
                    + "changes with the advice issued. Each difference names the first event that differs and whether "
                    + "it is healing (CATCHING_UP, DEAD_LETTERED) or not (DIFFERENT). What an operator runs after an "
                    + "incident; it reads every event, so it takes about a second per 40,000 events.")
    @APIResponse(responseCode = "200", description = "The report; no differences when everything agrees",
            content = @Content(schema = @Schema(implementation = ConsistencyReport.class),
                    examples = @ExampleObject(name = "one company dead-lettered", value = EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public ConsistencyReport check(@HeaderParam(AdminGuard.ADMIN_KEY) String adminKey) {
        admin.require(adminKey);
        return check.run();
    }
}
