package org.socialmaturity.assessments.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.SigningKey;
import org.socialmaturity.eventstore.checkpoint.Checkpoints;
import org.socialmaturity.eventstore.mongo.ChainCheck.ChainReport;
import org.socialmaturity.http.AdminKey;
import org.socialmaturity.http.ProblemMappers;

/**
 * {@code /api/v1/admin/integrity}: the event store's hash chain, recomputed from the first commit to the head. Served
 * by assessment-service, the writer of most of the store, for the whole store.
 */
@Path("/api/v1/admin/integrity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For the platform operator (X-Admin-Key)")
public class IntegrityResource {

    static final String EXAMPLE = "{\"intact\":false,\"checkedAt\":\"2026-11-26T08:00:00Z\",\"seconds\":1.8,"
            + "\"commits\":5120,\"verifiedUpTo\":1041,\"headHash\":null,\"firstBreak\":{\"globalIndex\":1042,"
            + "\"reason\":\"the commit's content does not match its hash: it was changed outside the platform\"},"
            + "\"voids\":[],\"unchainedCommits\":0,\"checkpointsVerified\":17,\"keyId\":\"3f9a0c51d2e4b687\","
            + "\"publicKey\":\"MCowBQYDK2VwAyEA...\"}";
    static final String CHECKPOINT_EXAMPLE = "{\"headIndex\":5119,\"headHash\":\"9c1f...e07a\","
            + "\"signedAt\":\"2026-11-26T08:00:00.120Z\",\"keyId\":\"3f9a0c51d2e4b687\",\"signature\":\"pQ2...Ag==\"}";
    private static final Logger LOG = Logger.getLogger(IntegrityResource.class);
    private static final long PROGRESS_EVERY = 100_000;

    private final AdminKey admin;
    private final Checkpoints checkpoints;

    IntegrityResource(AdminKey admin, Checkpoints checkpoints) {
        this.admin = admin;
        this.checkpoints = checkpoints;
    }

    @GET
    @Operation(summary = "Check the event store's hash chain",
            description = "Every commit stores the SHA-256 of its content and of the commit before it. This reads the "
                    + "whole store in global order, recomputes each hash and link, and reports the first commit that "
                    + "was changed, removed or reordered outside the platform (none when the chain is intact), the "
                    + "voids (indexes of commits lost before they were durable) and the head's hash. Every signed "
                    + "checkpoint kept is checked on the way: a checkpoint whose index now holds another hash shows a "
                    + "store rewritten with its hashes recomputed, one beyond the end shows commits removed from it. "
                    + "It reads every event; progress is logged.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(
            schema = @Schema(implementation = Integrity.class),
            examples = @ExampleObject(name = "a commit changed", value = EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Integrity check(@HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        Instant start = Instant.now();
        long[] logged = {0};
        ChainReport report = checkpoints.checkChain(reached -> {
            if (reached - logged[0] >= PROGRESS_EVERY) {
                logged[0] = reached;
                LOG.infof("Integrity check: the chain holds up to global index %d", reached);
            }
        });
        Integrity integrity = Integrity.of(report, start, checkpoints.key());
        if (!report.intact()) {
            LOG.errorf("Integrity check: the event store's chain breaks at global index %d: %s",
                    report.firstBreak().globalIndex(), report.firstBreak().reason());
        }
        return integrity;
    }

    @POST
    @Path("/checkpoints")
    @Operation(summary = "Sign a checkpoint of the event store now",
            description = "Signs the store's head (its last global index and that commit's hash) with the platform's "
                    + "Ed25519 key and keeps it. The platform also signs the head every minute when it moved. Keep "
                    + "checkpoints outside the platform: any later rewrite of the history before one contradicts it.")
    @APIResponse(responseCode = "200", description = "The signed checkpoint", content = @Content(
            schema = @Schema(implementation = Checkpoint.class),
            examples = @ExampleObject(name = "a checkpoint", value = CHECKPOINT_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Checkpoint signCheckpoint(@HeaderParam(AdminKey.HEADER) String adminKey) {
        admin.require(adminKey);
        return checkpoints.signHead();
    }

    /**
     * The report, with the key that signs checkpoints (its id and base64 X.509 public key: what an auditor pins when
     * verifying a dossier offline).
     */
    @Schema(name = "Integrity")
    public record Integrity(boolean intact, Instant checkedAt, double seconds, long commits, long verifiedUpTo,
                            String headHash, ChainReport.Break firstBreak, List<VoidRange> voids, long unchainedCommits,
                            long checkpointsVerified, String keyId, String publicKey) {

        static Integrity of(ChainReport report, Instant start, SigningKey key) {
            return new Integrity(report.intact(), start, Duration.between(start, Instant.now()).toMillis() / 1000.0,
                    report.commits(), report.verifiedUpTo(), report.headHash(), report.firstBreak(),
                    report.voids().stream().map(v -> new VoidRange(v[0], v[1])).toList(), report.unchainedCommits(),
                    report.checkpointsVerified(), key.keyId(), key.publicKeyBase64());
        }
    }

    /** The global indexes of a commit lost before it was durable, filled so that readers pass them. */
    @Schema(name = "IntegrityVoid")
    public record VoidRange(long from, long to) {
    }
}
