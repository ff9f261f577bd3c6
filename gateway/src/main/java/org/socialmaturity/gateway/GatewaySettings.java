package org.socialmaturity.gateway;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code platform.gateway.*}: where the services are, what the gateway lets through, and how fast. */
@ConfigMapping(prefix = "platform.gateway")
public interface GatewaySettings {

    /** The database of partners and their keys. */
    @WithDefault("gateway")
    String database();

    /** Sent to every service as {@code X-Gateway-Secret}; services configured with it refuse calls without it. */
    Optional<String> secret();

    Upstreams upstream();

    RateLimit rateLimit();

    /**
     * Failed authentications (a missing, malformed, unknown or revoked partner key; a wrong operator key) allowed per
     * client address: a burst of {@code capacity}, then {@code perSecond}; past it the address gets 429 and its keys
     * are not checked.
     */
    FailedAuthentication failedAuthentication();

    interface FailedAuthentication {
        @WithDefault("30")
        int capacity();

        @WithName("per-second")
        @WithDefault("0.5")
        double perSecond();
    }

    /** Largest request body accepted, in bytes; a larger one is answered 413 before it reaches a service. */
    @WithDefault("262144")
    int maxBodyBytes();

    /** How long to wait for a connection to a service (from the pool, or a new one) before answering 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Connections to recommendation-service this replica keeps for advice streams, in a pool of their own: a stream
     * holds its connection as long as it is open, so streams never take the connections other calls need. Past it,
     * a new stream is answered 503 at once.
     */
    @WithDefault("400")
    int streamConnections();

    /** How often the key of an open advice stream is checked again; a revoked key's streams are closed. */
    @WithDefault("30s")
    Duration streamKeyRecheck();

    /** How long a service may stay silent while answering before the gateway gives up with 504. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    interface Upstreams {
        String assessment();

        String scoring();

        String recommendation();
    }

    /** A token bucket per API key: {@code capacity} requests at once, refilled at {@code perSecond}. */
    interface RateLimit {
        @WithDefault("120")
        int capacity();

        @WithName("per-second")
        @WithDefault("60")
        double perSecond();
    }
}
