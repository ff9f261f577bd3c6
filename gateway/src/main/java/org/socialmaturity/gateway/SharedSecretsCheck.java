package org.socialmaturity.gateway;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.socialmaturity.contracts.access.SharedSecrets;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Fails closed: the packaged gateway (production) does not start with the public development admin key, a guessable
 * one, or without the secret it proves itself to the services with; in development and tests it only warns.
 */
@Singleton
class SharedSecretsCheck {

    /** Set only by the local Kubernetes overlay, whose placeholder secrets are public. */
    static final String DEVELOPMENT_ALLOWED = "platform.development-credentials-allowed";

    private static final Logger LOG = Logger.getLogger(SharedSecretsCheck.class);

    private final String adminKey;
    private final GatewaySettings settings;
    private final boolean developmentAllowed;

    SharedSecretsCheck(@ConfigProperty(name = "platform.admin-key") String adminKey, GatewaySettings settings,
            @ConfigProperty(name = DEVELOPMENT_ALLOWED, defaultValue = "false") boolean developmentAllowed) {
        this.developmentAllowed = developmentAllowed;
        this.adminKey = adminKey;
        this.settings = settings;
    }

    void check(@Observes StartupEvent startup) {
        List<String> weaknesses = SharedSecrets.weaknesses(adminKey, settings.secret(), developmentAllowed);
        if (weaknesses.isEmpty()) {
            return;
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException(SharedSecrets.refusal("gateway", weaknesses));
        }
        LOG.warnf("Not for production (%s): %s", LaunchMode.current(), String.join("; ", weaknesses));
    }
}
