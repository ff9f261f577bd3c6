package org.socialmaturity.web;

import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.http.AdminKey;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.socialmaturity.eventstore.deadletter.DeadLetters;
import org.socialmaturity.eventstore.deadletter.DeadLetters.Sequence;

/**
 * {@code /api/v1/admin/projections/{service}/dead-letters}: the events the service's projection could not handle,
 * parked per company with their cause, in any of its processors (decisions and read models), and retrying a
 * company's once the cause is fixed.
 */
@Path("/api/v1/admin/projections/{service}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class DeadLetterResource {

    static final String EXAMPLE = "{\"total\":2,\"sequences\":[{\"processor\":\"maturity-timeline-a\",\"sequence\":"
            + "\"c-7f3a\",\"letters\":[{\"eventId\":\"0b6c...\",\"globalIndex\":1042,\"payloadType\":"
            + "\"org.socialmaturity.contracts.assessment.AnswerRecorded\",\"enqueuedAt\":\"2026-11-26T08:00:00Z\","
            + "\"lastTouched\":\"2026-11-26T08:00:31Z\",\"attempts\":6,\"state\":\"WAITING_FOR_OPERATOR\","
            + "\"nextRetryAt\":null,\"causeType\":\"com.mongodb.MongoTimeoutException\",\"causeMessage\":"
            + "\"Timed out while waiting for a server\"},{\"eventId\":\"9d21...\",\"globalIndex\":1050,\"payloadType\":"
            + "\"org.socialmaturity.contracts.assessment.AnswerRecorded\",\"enqueuedAt\":\"2026-11-26T08:00:02Z\","
            + "\"lastTouched\":\"2026-11-26T08:00:02Z\",\"attempts\":0,\"state\":\"WAITING_BEHIND\","
            + "\"nextRetryAt\":null,\"causeType\":null,\"causeMessage\":null}]}]}";

    private final AdminKey admin;
    private final DeadLetters deadLetters;
    private final ServiceProjection projection;

    DeadLetterResource(AdminKey admin, DeadLetters deadLetters, ServiceProjection projection) {
        this.admin = admin;
        this.deadLetters = deadLetters;
        this.projection = projection;
    }

    @GET
    @Operation(summary = "Events the projection could not handle",
            description = "Per company (sequence), oldest first: the failing event with its cause, attempts and next "
                    + "automatic retry, then the company's later events waiting behind it. Other companies are not "
                    + "held up.")
    @APIResponse(responseCode = "200", description = "The dead letters", content = @Content(
            schema = @Schema(implementation = DeadLetterList.class),
            examples = @ExampleObject(name = "one company blocked", value = EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public DeadLetterList list(@Parameter(example = "scoring") @PathParam("service") String name,
                               @HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        List<Sequence> sequences = new ArrayList<>();
        projection.processors(name).forEach(processor -> sequences.addAll(deadLetters.list(processor)));
        return DeadLetterList.of(sequences);
    }

    @POST
    @Path("/{sequence}/retry")
    @Operation(summary = "Handle a company's dead letters again now",
            description = "Retries the sequence from its oldest letter, whatever its attempts: letters that succeed "
                    + "leave the queue (each applied once), the first that fails again stays with its new cause. "
                    + "Answers what is left of the sequence.")
    @APIResponse(responseCode = "200", description = "What is left of the company's dead letters (none when all "
            + "succeeded)", content = @Content(schema = @Schema(implementation = DeadLetterList.class),
            examples = @ExampleObject(name = "all applied", value = "{\"total\":0,"
                    + "\"sequences\":[]}")))
    @APIResponse(responseCode = "404", description = "The company has no dead letters",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public DeadLetterList retry(@Parameter(example = "scoring") @PathParam("service") String name,
                                @Parameter(description = "The sequence id, a company id", example = "c-7f3a")
                                @PathParam("sequence") String sequence,
                                @HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        List<String> processors = projection.processors(name);
        boolean found = false;
        for (String processor : processors) {
            found |= deadLetters.retry(processor, sequence);
        }
        if (!found) {
            throw ApiProblem.notFound("Dead-letter sequence", sequence);
        }
        List<Sequence> left = new ArrayList<>();
        processors.forEach(processor -> deadLetters.sequence(processor, sequence).ifPresent(left::add));
        return DeadLetterList.of(left);
    }

    @Schema(name = "DeadLetterList")
    public record DeadLetterList(long total, List<Sequence> sequences) {

        static DeadLetterList of(List<Sequence> sequences) {
            return new DeadLetterList(sequences.stream().mapToLong(s -> s.letters().size()).sum(), sequences);
        }
    }
}
