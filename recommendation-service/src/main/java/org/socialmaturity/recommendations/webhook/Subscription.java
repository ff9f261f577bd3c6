package org.socialmaturity.recommendations.webhook;

import java.time.Instant;

/**
 * A partner's webhook: where to POST and the secret its payloads are signed with: as the partner gave it when
 * subscribing, as stored (sealed) when read back, opened only to sign ({@link WebhookRepository#secretOf}), so that a secret
 * that no longer opens breaks its own deliveries and nothing else.
 */
public record Subscription(String id, String partnerId, String url, String secret, Instant createdAt) {
}
