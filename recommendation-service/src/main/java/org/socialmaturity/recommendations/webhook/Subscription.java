package org.socialmaturity.recommendations.webhook;

import java.time.Instant;

/** A partner's webhook: where to POST and the secret its payloads are signed with. */
public record Subscription(String id, String partnerId, String url, String secret, Instant createdAt) {
}
