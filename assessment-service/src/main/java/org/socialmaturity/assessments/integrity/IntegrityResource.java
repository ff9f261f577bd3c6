package org.socialmaturity.assessments.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.mongo.ChainCheck.ChainReport;
import org.socialmaturity.web.AdminGuard;
import org.socialmaturity.web.ProblemMappers;

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
            + "\"voids\":[],\"unchainedCommits\":0}";
    private static final Logger LOG = Logger.getLogger(IntegrityResource.class);
    private static final long PROGRESS_EVERY = 100_000;

    private final AdminGuard admin;
    private final AxonRuntime axon;

    IntegrityResource(AdminGuard admin, AxonRuntime axon) {
        this.admin = admin;
        this.axon = axon;
    }

    @GET
    @Operation(summary = "Check the event store's hash chain",
            description = "Every commit stores the SHA-256 of its content and of the commit before it. This reads the "
                    + "whole store in global order, recomputes each hash and link, and reports the first commit that "
                    + "was changed, removed or reordered outside the platform (none when the chain is intact), the "
                    + "voids (indexes of commits lost before they were durable) and the head's hash. It reads every "
                    + "event; progress is logged.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(
            schema = @Schema(implementation = Integrity.class),
            examples = @ExampleObject(name = "a commit changed", value = EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No X-Admin-Key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Integrity check(@HeaderParam(AdminGuard.ADMIN_KEY) String adminKey) {
        admin.require(adminKey);
        Instant start = Instant.now();
        long[] logged = {0};
        ChainReport report = axon.storageEngine().checkChain(reached -> {
            if (reached - logged[0] >= PROGRESS_EVERY) {
                logged[0] = reached;
                LOG.infof("Integrity check: the chain holds up to global index %d", reached);
            }
        });
        Integrity integrity = Integrity.of(report, start);
        if (!report.intact()) {
            LOG.errorf("Integrity check: the event store's chain breaks at global index %d: %s",
                    report.firstBreak().globalIndex(), report.firstBreak().reason());
        }
        return integrity;
    }

    @Schema(name = "Integrity")
    public record Integrity(boolean intact, Instant checkedAt, double seconds, long commits, long verifiedUpTo,
                            String headHash, ChainReport.Break firstBreak, List<VoidRange> voids, long unchainedCommits) {

        static Integrity of(ChainReport report, Instant start) {
            return new Integrity(report.intact(), start, Duration.between(start, Instant.now()).toMillis() / 1000.0,
                    report.commits(), report.verifiedUpTo(), report.headHash(), report.firstBreak(),
                    report.voids().stream().map(v -> new VoidRange(v[0], v[1])).toList(), report.unchainedCommits());
        }
    }

    /** The global indexes of a commit lost before it was durable, filled so that readers pass them. */
    @Schema(name = "IntegrityVoid")
    public record VoidRange(long from, long to) {
    }
}
