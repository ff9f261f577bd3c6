package org.socialmaturity.http;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.socialmaturity.contracts.access.SharedSecrets;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Fails closed: a packaged service or gateway (production) does not start with the public development admin key, a guessable
 * one, or without the gateway's secret, since it would then let anyone act as the operator or as any partner. In
 * development and in the services' own tests it only warns.
 */
@Singleton
class SharedSecretsCheck {

    /** Set only by the local Kubernetes overlay, whose placeholder secrets are public. */
    static final String DEVELOPMENT_ALLOWED = "platform.development-credentials-allowed";

    private static final Logger LOG = Logger.getLogger(SharedSecretsCheck.class);

    private final String adminKey;
    private final Optional<String> gatewaySecret;
    private final String service;
    private final boolean developmentAllowed;

    SharedSecretsCheck(@ConfigProperty(name = "platform.admin-key") String adminKey,
            @ConfigProperty(name = "platform.gateway.secret") Optional<String> gatewaySecret,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = DEVELOPMENT_ALLOWED, defaultValue = "false") boolean developmentAllowed) {
        this.developmentAllowed = developmentAllowed;
        this.adminKey = adminKey;
        this.gatewaySecret = gatewaySecret;
        this.service = service;
    }

    void check(@Observes StartupEvent startup) {
        List<String> weaknesses = SharedSecrets.weaknesses(adminKey, gatewaySecret, developmentAllowed);
        if (weaknesses.isEmpty()) {
            return;
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException(SharedSecrets.refusal(service, weaknesses));
        }
        LOG.warnf("Not for production (%s): %s. Without the gateway's secret a service trusts X-Partner-Id from "
                + "any caller.", LaunchMode.current(), String.join("; ", weaknesses));
    }
}
