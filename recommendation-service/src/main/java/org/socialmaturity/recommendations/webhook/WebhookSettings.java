package org.socialmaturity.recommendations.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhooks are delivered. */
@ConfigMapping(prefix = "platform.webhooks")
public interface WebhookSettings {

    /** Attempts per delivery before it is given up (the first one included). */
    @WithDefault("6")
    int maxAttempts();

    /** Wait before the second attempt; it doubles for each one after: 30 s, 1, 2, 4, 8 min by default. */
    @WithDefault("30s")
    Duration initialBackoff();

    /** How long one attempt may take. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * How often the dispatcher looks for deliveries that are due (its scheduled job reads it by name): retries and
     * deliveries another replica left. Quarkus's scheduler runs a job at most once a second; a new delivery's first
     * attempt waits for no poll.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries sent at the same time, so that a slow endpoint holds up only its own. */
    @WithDefault("8")
    int concurrency();

    /**
     * How long a delivered or given-up delivery stays in the partner's delivery log (and the outbox) before it is
     * deleted; pending ones stay until they are sent or given up.
     */
    @WithDefault("P30D")
    Duration deliveryRetention();

    /** How often each replica deletes the deliveries past their retention (its scheduled job reads it by name). */
    @WithDefault("1h")
    Duration pruneInterval();

    /** Subscriptions one partner may hold at once. */
    @WithDefault("10")
    int maxSubscriptionsPerPartner();

    /**
     * The key partners' webhook secrets are encrypted with at rest: Base64 of 32 random bytes, from
     * {@code PLATFORM_WEBHOOK_SECRET_KEY} (a Secret in Kubernetes). Required in production; losing it loses the
     * ability to sign for existing subscriptions (partners then subscribe again).
     */
    String secretKey();

    /** Whether subscriptions may point at loopback and private addresses (refused in production). */
    @WithDefault("true")
    boolean allowPrivateAddresses();
}
