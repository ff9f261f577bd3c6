package org.socialmaturity.assessments.privacy;

import java.time.Instant;
import java.util.List;

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
import org.jboss.logging.Logger;
import org.socialmaturity.http.AdminKey;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.ProblemMappers;
import org.socialmaturity.web.privacy.SubjectKeys;

/**
 * {@code /api/v1/admin/data-subjects/{subject}/erase}: a person's right to erasure, by crypto-shredding. The events
 * keep the sealed text (so the history, its hash chain and every score stay as they are); the key that opens it is
 * destroyed, so who the person was and what they wrote read {@code "erased"} everywhere from then on.
 */
@Path("/api/v1/admin/data-subjects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class DataSubjectResource {

    private static final Logger LOG = Logger.getLogger(DataSubjectResource.class);
    static final String EXAMPLE = "{\"erasedKeys\":[\"6c0e2f1a-9d4b-4b1e-8f53-0d9a7c2b1e44\"],"
            + "\"erasedAt\":\"2026-11-26T08:00:00Z\"}";

    private final AdminKey admin;
    private final SubjectKeys keys;

    DataSubjectResource(AdminKey admin, SubjectKeys keys) {
        this.admin = admin;
        this.keys = keys;
    }

    @POST
    @Path("/{subject}/erase")
    @Operation(summary = "Erase a person's personal data",
            description = "The subject is the identity a partner sent as X-Actor (for example an e-mail address), or "
                    + "partner:<partnerId> for what a partner recorded without one. Destroys the subject's key: who "
                    + "acted and the notes and reasons they wrote read \"erased\" in histories, CSV exports, "
                    + "assessments and dossiers from now on (within seconds in every replica), rebuilds keep them "
                    + "so, and the answers, scores and the event store's hash chain stay as they were. Irreversible.")
    @APIResponse(responseCode = "200", description = "Erased: the references of the keys destroyed",
            content = @Content(schema = @Schema(implementation = Erasure.class),
                    examples = @ExampleObject(name = "erased", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "The platform holds no personal data of this subject (never "
            + "recorded, or erased already)", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Erasure erase(@HeaderParam(AdminKey.HEADER) String adminKey,
                         @Parameter(example = "maria@portal.example") @PathParam("subject") String subject) {
        admin.require(adminKey);
        Instant at = Instant.now();
        List<String> erased = keys.erase(subject, at);
        if (erased.isEmpty()) {
            throw ApiProblem.notFound("Data subject", subject);
        }
        // The references only: the subject's identity is what was just erased.
        LOG.infof("Erased the personal data of a data subject: keys %s destroyed", erased);
        return new Erasure(erased, at);
    }

    /** The keys destroyed, by the reference sealed text names them with, and when. */
    @Schema(name = "Erasure")
    public record Erasure(List<String> erasedKeys, Instant erasedAt) {
    }
}
