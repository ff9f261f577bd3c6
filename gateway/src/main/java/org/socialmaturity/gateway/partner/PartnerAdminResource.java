package org.socialmaturity.gateway.partner;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.socialmaturity.gateway.partner.PartnerRepository.IssuedKey;
import org.socialmaturity.gateway.partner.PartnerRepository.KeyInfo;
import org.socialmaturity.gateway.partner.PartnerRepository.Partner;
import org.socialmaturity.contracts.rules.NotFound;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.http.Page;
import org.socialmaturity.http.ProblemMappers;

import io.smallrye.common.annotation.Blocking;

/**
 * The operator's partner administration: create a partner (its key shown once), list and read partners with their
 * keys' ids, issue another key, revoke one. {@link PartnerAdminGuard} lets only the operator through.
 */
@Path("/") // under quarkus.rest.path, which is BASE: the gateway's only Quarkus REST resource
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PartnerAdminResource {

    /** Quarkus REST's root path in the gateway (application.properties), so that it answers nothing else. */
    static final String BASE = "/api/v1/admin/partners";
    private static final Logger LOG = Logger.getLogger(PartnerAdminResource.class);

    private final PartnerRepository directory;
    private final CallContext call;

    PartnerAdminResource(PartnerRepository directory, CallContext call) {
        this.directory = directory;
        this.call = call;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull(message = "must be a JSON object with a name") PartnerRequest body) {
        PartnerRepository.Registered registered = directory.register(body.name());
        Partner partner = registered.partner();
        LOG.infof("Operator registered partner %s (%s) with key %s; request %s", partner.id(), partner.name(),
                registered.key().info().id(), call.requestId());
        return created(BASE + "/" + partner.id())
                .entity(new CreatedPartner(partner.id(), partner.name(), partner.createdAt(),
                        registered.key().info().id(), registered.key().apiKey()))
                .build();
    }

    @GET
    public Page<PartnerView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Page<Partner> found = directory.partners(Page.Request.parse(page, size));
        Map<String, List<KeyInfo>> keys = directory.keysOf(found.items().stream().map(Partner::id).toList());
        return found.map(partner -> PartnerView.of(partner, keys.getOrDefault(partner.id(), List.of())));
    }

    @GET
    @Path("{partnerId}")
    public PartnerView partner(@PathParam("partnerId") String partnerId) {
        Partner partner = require(partnerId);
        return PartnerView.of(partner, directory.keysOf(partner.id()));
    }

    @GET
    @Path("{partnerId}/keys")
    public KeyList keys(@PathParam("partnerId") String partnerId) {
        return new KeyList(directory.keysOf(require(partnerId).id()).stream().map(KeyView::of).toList());
    }

    @POST
    @Path("{partnerId}/keys")
    public Response issueKey(@PathParam("partnerId") String partnerId) {
        Partner partner = require(partnerId);
        IssuedKey issued = directory.issueKey(partner);
        LOG.infof("Operator issued key %s to partner %s; request %s", issued.info().id(), partner.id(),
                call.requestId());
        KeyView key = KeyView.of(issued.info());
        return created(BASE + "/" + partner.id() + "/keys/" + key.id())
                .entity(new IssuedKeyView(key.id(), key.createdAt(), key.revokedAt(), key.active(), issued.apiKey()))
                .build();
    }

    @DELETE
    @Path("{partnerId}/keys/{keyId}")
    // Answers nothing or a problem, so a client that accepts only problem+json is right too.
    @Produces({MediaType.APPLICATION_JSON, ProblemMappers.PROBLEM_JSON})
    public Response revoke(@PathParam("partnerId") String partnerId, @PathParam("keyId") String keyId) {
        Partner partner = require(partnerId);
        if (!directory.revoke(partner.id(), keyId)) {
            throw new NotFound("Key", keyId);
        }
        LOG.infof("Operator revoked key %s of partner %s; request %s", keyId, partner.id(), call.requestId());
        return Response.noContent().build();
    }

    /** A 201 whose Location is the path as partners see it (JAX-RS would make it absolute under the REST root). */
    private static Response.ResponseBuilder created(String path) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, path);
    }

    private Partner require(String partnerId) {
        return directory.partner(partnerId).orElseThrow(() -> new NotFound("Partner", partnerId));
    }

    public record KeyView(String id, Instant createdAt, Instant revokedAt, boolean active) {
        static KeyView of(KeyInfo key) {
            return new KeyView(key.id(), key.createdAt(), key.revokedAt(), key.revokedAt() == null);
        }
    }

    public record PartnerView(String id, String name, Instant createdAt, List<KeyView> keys) {
        static PartnerView of(Partner partner, List<KeyInfo> keys) {
            return new PartnerView(partner.id(), partner.name(), partner.createdAt(),
                    keys.stream().map(KeyView::of).toList());
        }
    }

    public record KeyList(List<KeyView> items) {
    }

    /** The only answer that shows the partner's first key. */
    public record CreatedPartner(String id, String name, Instant createdAt, String keyId, String apiKey) {
    }

    /** The only answer that shows this key. */
    public record IssuedKeyView(String id, Instant createdAt, Instant revokedAt, boolean active, String apiKey) {
    }
}
