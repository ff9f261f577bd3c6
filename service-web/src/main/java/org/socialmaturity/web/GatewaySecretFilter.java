package org.socialmaturity.web;

import org.socialmaturity.http.AdminKey;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContextFilter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code platform.gateway.secret} set (PLATFORM_GATEWAY_SECRET), every API call must carry it in
 * {@code X-Gateway-Secret}: only the gateway knows it, so only the gateway can say which partner is calling. Without
 * it (a service's own tests, {@code quarkus dev}) the service trusts {@code X-Partner-Id}; a packaged service does not
 * start without it ({@link SharedSecretsCheck}).
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 10) // after CallContextFilter, so that the problem carries the request id
public class GatewaySecretFilter implements ContainerRequestFilter {

    public static final String HEADER = "X-Gateway-Secret";

    private final Optional<byte[]> secret;

    GatewaySecretFilter(@ConfigProperty(name = "platform.gateway.secret") Optional<String> secret) {
        this.secret = secret.filter(value -> !value.isBlank()).map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (secret.isEmpty()) {
            return;
        }
        String presented = request.getHeaderString(HEADER);
        if (!AdminKey.matches(secret.get(), presented)) {
            throw new ApiProblem(401, "gateway-only", "Not through the gateway",
                    "This service answers the platform's gateway only; call the public API at the gateway", List.of());
        }
    }
}
