package org.socialmaturity.gateway.partner;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.socialmaturity.gateway.BoundedBody;
import org.socialmaturity.gateway.FailedAuthentications;
import org.socialmaturity.gateway.GatewaySettings;
import org.socialmaturity.gateway.Problems;
import org.socialmaturity.http.AdminKey;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CorrelationId;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * In front of {@link PartnerAdminResource}, on the gateway's Vert.x router as the proxy's guards are: an address that
 * failed to authenticate too often is answered 429 before its key is looked at, a call without the operator's key
 * never reaches the resource, and a body declared larger than the gateway's limit is refused before it is read.
 */
@ApplicationScoped
public class PartnerAdminGuard {

    private final AdminKey adminKey;
    private final FailedAuthentications failures;
    private final GatewaySettings settings;

    PartnerAdminGuard(AdminKey adminKey, FailedAuthentications failures, GatewaySettings settings) {
        this.adminKey = adminKey;
        this.failures = failures;
        this.settings = settings;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(PartnerAdminResource.BASE + "(/.*)?").order(-10).handler(this::guard);
    }

    /** Whether the path is partner administration, which the proxy leaves to the resource. */
    public static boolean guards(String path) {
        return path.equals(PartnerAdminResource.BASE) || path.startsWith(PartnerAdminResource.BASE + "/");
    }

    private void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requestId = Problems.requestId(request);
        CorrelationId.recordOnSpan(requestId);
        if (failures.refusedAsThrottled(request, requestId)) {
            return;
        }
        Optional<ApiProblem> refusal = adminKey.refusal(request.getHeader(AdminKey.HEADER));
        if (refusal.isPresent()) {
            Problems.refuse(request, requestId, refusal.get());
            return;
        }
        failures.succeeded(request);
        Optional<RuntimeException> body = BoundedBody.refusalOfDeclared(request, settings.maxBodyBytes());
        if (body.isPresent()) {
            BoundedBody.refuse(request, requestId, body.get());
            return;
        }
        context.next();
    }
}
