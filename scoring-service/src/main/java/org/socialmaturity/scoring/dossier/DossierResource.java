package org.socialmaturity.scoring.dossier;

import jakarta.ws.rs.GET;
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
import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.proof.DossierSignature;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.http.ProblemMappers;

@Path("/api/v1")
@Tag(name = "Trajectory and history", description = "How a company's maturity evolved, answer by answer")
public class DossierResource {

    static final String EXAMPLE = "{\"format\":\"social-maturity-dossier/1\","
            + "\"companyId\":\"5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10\",\"partnerId\":\"acme-portal\","
            + "\"companyName\":\"Transportes Ebro\",\"generatedAt\":\"2026-11-26T08:00:00Z\","
            + "\"keyId\":\"3f9a0c51d2e4b687\",\"publicKey\":\"MCowBQYDK2VwAyEA...\","
            + "\"checkpoints\":[{\"headIndex\":57,\"headHash\":\"9c1f...\",\"signedAt\":\"2026-11-26T08:00:00.120Z\","
            + "\"keyId\":\"3f9a0c51d2e4b687\",\"signature\":\"pQ2...\"}],"
            + "\"commits\":[{\"first\":41,\"last\":41,\"key\":\"a-1/3\",\"aggregateId\":\"a-1\","
            + "\"aggregateType\":\"Assessment\",\"firstSequence\":3,\"lastSequence\":3,\"committedAt\":1795680000000,"
            + "\"events\":[{\"id\":\"e-1\",\"sequence\":3,\"timestamp\":\"2026-11-26T07:59:59Z\","
            + "\"payloadType\":\"org.socialmaturity.contracts.assessment.AnswerRecorded\",\"payloadRevision\":null,"
            + "\"payload\":\"{...}\",\"metaData\":\"{...}\"}],\"prev\":\"5d2e...\",\"hash\":\"77ab...\"}],"
            + "\"links\":[{\"first\":42,\"last\":57,\"voided\":false,\"contentHash\":\"c0de...\",\"prev\":\"77ab...\","
            + "\"hash\":\"9c1f...\"}],"
            + "\"derived\":{\"maturity\":{\"questionnaireVersion\":\"1.0\",\"determinate\":true,\"phase\":2,"
            + "\"quadrant\":\"OBSERVERS\",\"index\":41.7,\"investment\":55.0,\"innovation\":28.3,"
            + "\"dimensionScores\":{\"GOVERNANCE\":2.5},\"holdingBack\":[\"LISTENING\"],\"answered\":19,\"required\":19},"
            + "\"trajectory\":[],\"phaseTransitions\":[],\"quadrantTransitions\":[],\"advice\":[]},"
            + "\"signature\":\"M2Q...\"}";

    private final CallContext call;
    private final CompanyDossiers dossiers;

    DossierResource(CallContext call, CompanyDossiers dossiers) {
        this.call = call;
        this.dossiers = dossiers;
    }

    @GET
    @Path("/companies/{companyId}/dossier")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A company's signed dossier, to verify offline",
            description = "A self-contained bundle an auditor can check without the platform: the company's events as "
                    + "stored with their hashes, the links that connect each to a checkpoint of the whole event store "
                    + "signed with the platform's Ed25519 key (other companies' commits appear by content hash only), "
                    + "the key, and what the platform derived from the events (maturity now, the trajectory, phase and "
                    + "quadrant changes, advice), all signed. Check it with the verifier: "
                    + "java -jar verifier.jar dossier.json --public-key <the platform's key>. It covers the events "
                    + "the company's trajectory had applied when it was made.")
    @APIResponse(responseCode = "200", description = "The dossier", content = @Content(
            schema = @Schema(implementation = Dossier.class),
            examples = @ExampleObject(name = "dossier", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response dossier(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId) {
        Dossier dossier = dossiers.of(call.partnerId(), companyId);
        return Response.ok(DossierSignature.write(dossier), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"dossier-" + companyId + ".json\"")
                .build();
    }
}
