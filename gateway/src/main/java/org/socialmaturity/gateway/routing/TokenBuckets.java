package org.socialmaturity.gateway.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.socialmaturity.gateway.GatewaySettings;

/**
 * A token bucket per API key, in this replica's memory: a burst of {@code capacity}, then {@code perSecond}. With
 * n gateway replicas a key may get up to n times the rate; the limit protects the services, not a billing plan.
 */
@ApplicationScoped
public class TokenBuckets {

    /** Whether the request may pass, and if not, in how many whole seconds a token will be there. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final int capacity;
    private final double perSecond;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    TokenBuckets(GatewaySettings settings) {
        this(settings.rateLimit().capacity(), settings.rateLimit().perSecond());
    }

    public TokenBuckets(int capacity, double perSecond) {
        if (capacity < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("platform.gateway.rate-limit needs capacity >= 1 and per-second > 0");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    public Decision take(String key) {
        return take(key, System.nanoTime());
    }

    Decision take(String key, long nowNanos) {
        return decide(key, nowNanos, true);
    }

    /** Whether a request would pass now, without spending a token. */
    public Decision peek(String key) {
        return decide(key, System.nanoTime(), false);
    }

    private Decision decide(String key, long nowNanos, boolean spend) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, nowNanos));
        synchronized (bucket) {
            double elapsedSeconds = Math.max(0, nowNanos - bucket.refilledAt) / 1e9;
            bucket.tokens = Math.min(capacity, bucket.tokens + elapsedSeconds * perSecond);
            bucket.refilledAt = nowNanos;
            if (bucket.tokens >= 1) {
                if (spend) {
                    bucket.tokens -= 1;
                }
                return new Decision(true, 0);
            }
            return new Decision(false, Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond)));
        }
    }
}
