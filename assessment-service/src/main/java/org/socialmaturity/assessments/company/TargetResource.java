package org.socialmaturity.assessments.company;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
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
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.Commands;
import org.socialmaturity.http.ProblemMappers;

@Path("/api/v1/companies/{companyId}/target")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Companies")
public class TargetResource {

    private final CallContext call;
    private final Commands commands;
    private final CompanyRepository companies;

    TargetResource(CallContext call, Commands commands, CompanyRepository companies) {
        this.call = call;
        this.commands = commands;
        this.companies = companies;
    }

    @PUT
    @Operation(summary = "Set the company's target",
            description = "The phase the company aims at and, optionally, a level in some dimensions (ids of the "
                    + "current questionnaire), by a date. It replaces the previous target; the same target again "
                    + "changes nothing. The maturity answer then reports the gap to it, and a TargetReached webhook "
                    + "is sent once when the company's maturity meets it (at once if it does already).")
    @APIResponse(responseCode = "200", description = "The target as set", content = @Content(
            schema = @Schema(implementation = Target.class), examples = @ExampleObject(name = "target",
            value = "{\"targetId\":\"0b6f5d8e-8c1d-3f4e-9a2b-7c6d5e4f3a2b\",\"phase\":3,"
                    + "\"dimensions\":{\"LISTENING\":3},\"due\":\"2027-06-30\"}")))
    @APIResponse(responseCode = "400", description = "A field breaks a rule",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Target set(@Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
                      @Valid @NotNull(message = "is required") TargetRequest body) {
        companies.require(call.partnerId(), companyId);
        Map<String, Integer> dimensions = new TreeMap<>(body.dimensionLevels());
        LocalDate due = body.dueDate();
        // Named by what it asks for: the same target set again (a retried PUT) is the same target.
        String targetId = UUID.nameUUIDFromBytes((companyId + "\n" + body.phase() + "\n" + dimensions + "\n"
                + due).getBytes(StandardCharsets.UTF_8)).toString();
        commands.send(new SetCompanyTarget(companyId, call.partnerId(), targetId, body.phase(), dimensions, due));
        return new Target(targetId, body.phase(), dimensions, due);
    }

    @Schema(name = "Target")
    public record Target(String targetId, int phase, Map<String, Integer> dimensions, LocalDate due) {
    }
}
